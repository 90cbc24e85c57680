using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Rebuilds an image from a label map: every pixel takes its cluster's palette colour.</summary>
internal static class SegmentedImageRenderer
{
    /// <summary>
    /// The segmented image: RGB when the input was opaque; otherwise RGBA, each pixel keeping its input alpha, so fully
    /// transparent pixels stay transparent.
    /// </summary>
    public static Image Render(LabelMap labels, IReadOnlyList<Rgb24> palette)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(palette);
        if (palette.Count < labels.ClusterCount)
        {
            throw new ArgumentException("The palette has fewer colours than the label map has clusters.", nameof(palette));
        }

        Rgb24[] colors = [.. palette];
        if (!labels.HasTransparency)
        {
            var rgb = new Image<Rgb24>(labels.Width, labels.Height);
            rgb.ProcessPixelRows(accessor =>
            {
                for (var y = 0; y < accessor.Height; y++)
                {
                    Span<Rgb24> row = accessor.GetRowSpan(y);
                    ReadOnlySpan<byte> indices = labels.GetRow(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        row[x] = colors[indices[x]];
                    }
                }
            });
            return rgb;
        }

        byte[] alpha = labels.Alpha!;
        var rgba = new Image<Rgba32>(labels.Width, labels.Height);
        rgba.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                ReadOnlySpan<byte> indices = labels.GetRow(y);
                ReadOnlySpan<byte> alphaRow = alpha.AsSpan(y * labels.Width, labels.Width);
                for (var x = 0; x < row.Length; x++)
                {
                    byte a = alphaRow[x];
                    Rgb24 c = colors[indices[x]];
                    row[x] = a == 0 ? default : new Rgba32(c.R, c.G, c.B, a);
                }
            }
        });
        return rgba;
    }

    /// <summary>
    /// The segmented image shrunk to <paramref name="width"/> × <paramref name="height"/> (at most the label map's
    /// size) by averaging each output pixel's box of input pixels (colours weighted by alpha), straight from the label
    /// map: a preview that never allocates the full-size image.
    /// </summary>
    public static Image<Rgba32> RenderShrunk(LabelMap labels, IReadOnlyList<Rgb24> palette, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, labels.Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, labels.Height);
        if (palette.Count < labels.ClusterCount)
        {
            throw new ArgumentException("The palette has fewer colours than the label map has clusters.", nameof(palette));
        }

        Rgb24[] colors = [.. palette];
        byte[]? alpha = labels.Alpha;
        var shrunk = new Image<Rgba32>(width, height);

        // Per output column: alpha-weighted R, G, B sums, the alpha sum and the pixel count of the current box row.
        var sums = new long[width * 5];
        var column = new int[labels.Width];
        for (var x = 0; x < labels.Width; x++)
        {
            column[x] = (int)((long)x * width / labels.Width);
        }

        shrunk.ProcessPixelRows(accessor =>
        {
            var y = 0;
            for (var row = 0; row < height; row++)
            {
                Array.Clear(sums);
                int end = (int)((long)(row + 1) * labels.Height / height);
                for (; y < end; y++)
                {
                    ReadOnlySpan<byte> indices = labels.GetRow(y);
                    int offset = y * labels.Width;
                    for (var x = 0; x < indices.Length; x++)
                    {
                        int a = alpha is null ? 255 : alpha[offset + x];
                        Rgb24 c = colors[indices[x]];
                        int s = column[x] * 5;
                        sums[s] += c.R * a;
                        sums[s + 1] += c.G * a;
                        sums[s + 2] += c.B * a;
                        sums[s + 3] += a;
                        sums[s + 4]++;
                    }
                }

                Span<Rgba32> target = accessor.GetRowSpan(row);
                for (var x = 0; x < width; x++)
                {
                    int s = x * 5;
                    long weight = sums[s + 3];
                    target[x] = weight == 0
                        ? default
                        : new Rgba32(
                            (byte)((sums[s] + (weight / 2)) / weight),
                            (byte)((sums[s + 1] + (weight / 2)) / weight),
                            (byte)((sums[s + 2] + (weight / 2)) / weight),
                            (byte)((weight + (sums[s + 4] / 2)) / sums[s + 4]));
                }
            }
        });
        return shrunk;
    }
}
