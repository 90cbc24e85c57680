using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Draws the borders between clusters over the original image.</summary>
internal static class BoundaryRenderer
{
    /// <summary>
    /// Marks border pixels: a pixel whose right or lower neighbour has another label (transparent pixels count as a
    /// label of their own), so a border is one pixel wide, on the left/upper side of each change. For widths above 1
    /// the mark grows by whole pixels down and to the right, then up and to the left, alternately.
    /// </summary>
    public static bool[] BorderMask(LabelMap labels, int width)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        int w = labels.Width;
        int h = labels.Height;
        var mask = new bool[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                int own = Key(labels, i);
                if ((x + 1 < w && Key(labels, i + 1) != own) || (y + 1 < h && Key(labels, i + w) != own))
                {
                    mask[i] = true;
                }
            }
        }

        if (width == 1)
        {
            return mask;
        }

        // Grow the mark: offsets from -before to +after along both axes.
        int after = width / 2;
        int before = width - 1 - after;
        var grown = new bool[mask.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (!mask[(y * w) + x])
                {
                    continue;
                }

                for (int yy = Math.Max(0, y - before); yy <= Math.Min(h - 1, y + after); yy++)
                {
                    for (int xx = Math.Max(0, x - before); xx <= Math.Min(w - 1, x + after); xx++)
                    {
                        grown[(yy * w) + xx] = true;
                    }
                }
            }
        }

        return grown;
    }

    /// <summary>A copy of <paramref name="original"/> with border pixels painted in the boundary colour.</summary>
    public static Image<Rgba32> Render(Image<Rgba32> original, LabelMap labels, BoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Imaging.ArrayImages.CreateFilled(original.Width, original.Height, output => RenderInto(original, labels, output, options));
    }

    /// <summary>
    /// Writes <paramref name="original"/> with border pixels painted in the boundary colour into
    /// <paramref name="output"/>, an image of the same size whose pixels are all replaced (so a buffer can be reused).
    /// </summary>
    public static void RenderInto(Image<Rgba32> original, LabelMap labels, Image<Rgba32> output, BoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Width != original.Width || output.Height != original.Height)
        {
            throw new ArgumentException("The output must have the size of the original.", nameof(output));
        }

        options ??= new BoundaryOptions();
        options.Validate();
        bool[] mask = BorderMask(labels, options.Width);
        original.ProcessPixelRows(output, (source, target) =>
        {
            for (var y = 0; y < source.Height; y++)
            {
                source.GetRowSpan(y).CopyTo(target.GetRowSpan(y));
            }
        });
        Rgba32 color = options.Color;
        output.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                ReadOnlySpan<bool> marks = mask.AsSpan(y * labels.Width, labels.Width);
                for (var x = 0; x < row.Length; x++)
                {
                    if (marks[x])
                    {
                        row[x] = color;
                    }
                }
            }
        });
    }

    private static int Key(LabelMap labels, int index) => labels.IsTransparent(index) ? -1 : labels.Labels[index];
}
