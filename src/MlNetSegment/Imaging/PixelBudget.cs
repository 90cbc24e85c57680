namespace MlNetSegment.Imaging;

/// <summary>
/// Bounds the pixels decoded at once across parallel work, so memory follows the budget rather than the core count:
/// 16 cores decoding 100-megapixel images side by side would hold 6.4 GB of pixels. Any one image is always let
/// through when nothing else is in flight, so no image waits forever; others wait until their pixels fit.
/// </summary>
internal sealed class PixelBudget(long capacity)
{
    private readonly object _gate = new();
    private long _inFlight;

    /// <summary>The budget of the batch verbs: the default pixel limit, the most one image may have anyway.</summary>
    public static long DefaultCapacity => ImageLimits.Defaults.MaxPixels;

    /// <summary>The pixels of <paramref name="path"/> from its header, or 0 when it cannot be read (its load will say why).</summary>
    public static long PixelsOf(string path, ImageLimits? limits)
    {
        try
        {
            var (width, height, _) = ImageLoader.Probe(path, limits);
            return (long)width * height;
        }
        catch (Exception ex) when (ex is ImageLoadException or IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Reserves <paramref name="pixels"/> if they fit, or if nothing is in flight; false otherwise.</summary>
    public bool TryReserve(long pixels)
    {
        lock (_gate)
        {
            if (_inFlight > 0 && _inFlight + pixels > capacity)
            {
                return false;
            }

            _inFlight += pixels;
            return true;
        }
    }

    /// <summary>Waits until <paramref name="pixels"/> fit (or nothing is in flight), then reserves them.</summary>
    public void Reserve(long pixels, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_inFlight > 0 && _inFlight + pixels > capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(200));
            }

            _inFlight += pixels;
        }
    }

    /// <summary>Gives back pixels reserved earlier.</summary>
    public void Release(long pixels)
    {
        lock (_gate)
        {
            _inFlight -= pixels;
            Monitor.PulseAll(_gate);
        }
    }
}
