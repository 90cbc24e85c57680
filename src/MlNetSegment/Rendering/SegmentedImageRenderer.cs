using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Rebuilds an image from a label map: every pixel takes its cluster's palette colour.</summary>
public static class SegmentedImageRenderer
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
}
