using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Per-cluster cut-outs: the original pixels of one cluster, fully transparent elsewhere.</summary>
public static class MaskRenderer
{
    /// <summary>
    /// The cut-out of <paramref name="cluster"/>: RGBA, the original pixel (with its alpha) where the label is
    /// <paramref name="cluster"/>, (0, 0, 0, 0) elsewhere. The masks of all clusters tile the opaque pixels once.
    /// </summary>
    public static Image<Rgba32> Render(Image<Rgba32> original, LabelMap labels, int cluster)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cluster, labels.ClusterCount);
        var mask = new Image<Rgba32>(labels.Width, labels.Height);
        original.ProcessPixelRows(mask, (source, target) =>
        {
            for (var y = 0; y < source.Height; y++)
            {
                Span<Rgba32> from = source.GetRowSpan(y);
                Span<Rgba32> to = target.GetRowSpan(y);
                int offset = y * labels.Width;
                ReadOnlySpan<byte> row = labels.GetRow(y);
                for (var x = 0; x < from.Length; x++)
                {
                    if (row[x] == cluster && !labels.IsTransparent(offset + x))
                    {
                        to[x] = from[x];
                    }
                }
            }
        });
        return mask;
    }
}
