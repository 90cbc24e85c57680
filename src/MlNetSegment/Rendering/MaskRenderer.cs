using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Per-cluster cut-outs: the original pixels of one cluster, fully transparent elsewhere.</summary>
internal static class MaskRenderer
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
        return Imaging.ArrayImages.CreateFilled(labels.Width, labels.Height, mask => RenderInto(original, labels, cluster, mask));
    }

    /// <summary>
    /// Writes the cut-out of <paramref name="cluster"/> into <paramref name="mask"/> (the size of
    /// <paramref name="original"/>), every pixel of it, so one buffer serves every cluster in turn.
    /// </summary>
    public static void RenderInto(Image<Rgba32> original, LabelMap labels, int cluster, Image<Rgba32> mask)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cluster, labels.ClusterCount);
        if (mask.Width != labels.Width || mask.Height != labels.Height || original.Width != labels.Width || original.Height != labels.Height)
        {
            throw new ArgumentException("The original, the labels and the mask must have the same size.", nameof(mask));
        }

        original.ProcessPixelRows(mask, (source, target) =>
        {
            for (var y = 0; y < source.Height; y++)
            {
                RenderRow(source.GetRowSpan(y), labels, y, cluster, target.GetRowSpan(y));
            }
        });
    }

    /// <summary>
    /// Row <paramref name="y"/> of the cut-out of <paramref name="cluster"/>, from that row of the original: the one
    /// place that says what a mask holds, for <see cref="RenderInto"/> and for <c>Output.MaskPngWriter</c>, which
    /// encodes masks row by row without a full-size image.
    /// </summary>
    internal static void RenderRow(ReadOnlySpan<Rgba32> original, LabelMap labels, int y, int cluster, Span<Rgba32> mask)
    {
        int offset = y * labels.Width;
        ReadOnlySpan<byte> row = labels.GetRow(y);
        for (var x = 0; x < original.Length; x++)
        {
            mask[x] = row[x] == cluster && !labels.IsTransparent(offset + x) ? original[x] : default;
        }
    }
}
