using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Sampling;

/// <summary>
/// A uniform random sample, without replacement, of the non-transparent pixels offered to it, of at most
/// <see cref="Capacity"/> pixels, however many are offered (reservoir sampling, Li's Algorithm L). Memory depends only
/// on the capacity; pixels are offered one row at a time and most are skipped in O(1).
/// </summary>
internal sealed class PixelReservoir
{
    private readonly SampledPixel[] _items;
    private readonly Random _random;
    private long _seen;
    private long _nextTake;
    private double _w;

    /// <summary>Creates an empty reservoir of <paramref name="capacity"/> pixels whose choices follow <paramref name="seed"/>.</summary>
    public PixelReservoir(int capacity, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new SampledPixel[capacity];
        _random = new Random(seed);
        _w = Math.Exp(Math.Log(NextOpenUnit()) / capacity);
        _nextTake = capacity + NextSkip();
    }

    /// <summary>Maximum number of pixels kept.</summary>
    public int Capacity => _items.Length;

    /// <summary>Number of non-transparent pixels offered so far.</summary>
    public long Seen => _seen;

    /// <summary>Number of pixels in the sample.</summary>
    public int Count => (int)Math.Min(_seen, _items.Length);

    /// <summary>The sample so far, in no particular order.</summary>
    public ReadOnlySpan<SampledPixel> Items => _items.AsSpan(0, Count);

    /// <summary>Offers one row of pixels; fully transparent ones are ignored.</summary>
    public void OfferRow(ReadOnlySpan<Rgba32> row, int y, int imageIndex = 0)
    {
        for (var x = 0; x < row.Length; x++)
        {
            Rgba32 p = row[x];
            if (p.A == 0)
            {
                continue;
            }

            long index = _seen++;
            if (index < _items.Length)
            {
                _items[index] = new SampledPixel(p, x, y, imageIndex);
            }
            else if (index == _nextTake)
            {
                _items[_random.Next(_items.Length)] = new SampledPixel(p, x, y, imageIndex);
                _w *= Math.Exp(Math.Log(NextOpenUnit()) / _items.Length);
                _nextTake += NextSkip() + 1;
            }
        }
    }

    /// <summary>
    /// Offers every non-transparent pixel of <paramref name="image"/>, row by row. When all pixels are opaque
    /// (<paramref name="opaquePixels"/> = width × height) and the image is in one buffer, only the pixels that enter the
    /// sample are read (<see cref="OfferOpaque"/>).
    /// </summary>
    public void OfferImage(Image<Rgba32> image, long opaquePixels, int imageIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width;
        if (opaquePixels == (long)width * image.Height && image.DangerousTryGetSinglePixelMemory(out Memory<Rgba32> memory))
        {
            OfferOpaque(opaquePixels, i => new SampledPixel(memory.Span[(int)i], (int)(i % width), (int)(i / width), imageIndex));
            return;
        }

        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                OfferRow(accessor.GetRowSpan(y), y, imageIndex);
            }
        });
    }

    /// <summary>
    /// Offers <paramref name="count"/> pixels known to be non-transparent, the i-th of which is
    /// <paramref name="pixelAt"/>(i). Only the pixels that enter the sample are read, so once the reservoir is full
    /// the cost is proportional to the number of replacements, not to <paramref name="count"/>. The result is the
    /// same as offering them one by one through <see cref="OfferRow"/>.
    /// </summary>
    public void OfferOpaque(long count, Func<long, SampledPixel> pixelAt)
    {
        ArgumentNullException.ThrowIfNull(pixelAt);
        long end = _seen + count;
        long first = _seen;
        while (_seen < end && _seen < _items.Length)
        {
            _items[_seen] = pixelAt(_seen - first);
            _seen++;
        }

        while (_nextTake < end)
        {
            _items[_random.Next(_items.Length)] = pixelAt(_nextTake - first);
            _w *= Math.Exp(Math.Log(NextOpenUnit()) / _items.Length);
            _nextTake += NextSkip() + 1;
        }

        _seen = end;
    }

    // Algorithm L: how many offered pixels to pass over before the next one replaces a random slot.
    private long NextSkip()
    {
        double skip = Math.Floor(Math.Log(NextOpenUnit()) / Math.Log(1 - _w));
        return double.IsFinite(skip) && skip < long.MaxValue / 2 ? (long)skip : long.MaxValue / 2;
    }

    private double NextOpenUnit()
    {
        double u;
        do
        {
            u = _random.NextDouble();
        }
        while (u <= 0);
        return u;
    }
}
