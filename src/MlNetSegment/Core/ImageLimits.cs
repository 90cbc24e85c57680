namespace MlNetSegment;

/// <summary>
/// Resource limits checked against an image's header before any pixel is decoded, in the spirit of
/// ImageMagick's policy.xml: a small file can declare a huge canvas.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Default limits: they fit a 24 GB machine with room to spare.</summary>
    public static class Defaults
    {
        /// <summary>100 megapixels (400 MB as RGBA).</summary>
        public const long MaxPixels = 100_000_000;

        /// <summary>30,000 pixels on either side.</summary>
        public const int MaxSide = 30_000;
    }

    /// <summary>The default limits.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Largest accepted width × height.</summary>
    public long MaxPixels { get; init; } = Defaults.MaxPixels;

    /// <summary>Largest accepted width or height.</summary>
    public int MaxSide { get; init; } = Defaults.MaxSide;

    /// <summary>Which decoder reads PNG and JPEG pixels; the same guards (format from content, header limits, orientation) apply to both.</summary>
    public PixelDecoder Decoder { get; init; } = PixelDecoder.Native;

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        if (MaxPixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, "must be at least 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSide, 1, nameof(MaxSide));
    }
}
