using MlNetSegment.IO;
using MlNetSegment.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Output;

/// <summary>Writes a segmentation's images to disk, atomically, choosing the fastest faithful encoding.</summary>
internal static class SegmentationWriter
{
    /// <summary>
    /// Writes the segmented image: an indexed PNG straight from the labels when the output is PNG and the input was
    /// opaque; otherwise the rebuilt image through ImageSharp (RGBA for inputs with transparency, JPEG, BMP).
    /// </summary>
    public static void WriteSegmented(LabelMap labels, IReadOnlyList<Rgb24> palette, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(palette);
        if (IsPng(path) && !labels.HasTransparency)
        {
            AtomicFile.Write(path, s => IndexedPngWriter.WritePalette(s, labels.Labels, labels.Width, labels.Height, palette), overwrite);
            return;
        }

        if (IsPng(path))
        {
            // RGBA row by row, each pixel keeping its input alpha (as SegmentedImageRenderer draws it).
            Rgb24[] colors = [.. palette];
            byte[] alpha = labels.Alpha!;
            AtomicFile.Write(
                path,
                s => IndexedPngWriter.WriteRows(s, labels.Width, labels.Height, colorType: 6, (y, row) =>
                {
                    ReadOnlySpan<byte> indices = labels.GetRow(y);
                    ReadOnlySpan<byte> alphaRow = alpha.AsSpan(y * labels.Width, labels.Width);
                    for (var x = 0; x < indices.Length; x++)
                    {
                        byte a = alphaRow[x];
                        Rgb24 c = a == 0 ? default : colors[indices[x]];
                        row[4 * x] = c.R;
                        row[(4 * x) + 1] = c.G;
                        row[(4 * x) + 2] = c.B;
                        row[(4 * x) + 3] = a;
                    }
                }),
                overwrite);
            return;
        }

        using Image image = SegmentedImageRenderer.Render(labels, palette);
        ImageWriter.Save(image, path, overwrite);
    }

    /// <summary>
    /// Writes the label map as a PNG: 8-bit grey, value = cluster index; grey + alpha when the input had fully
    /// transparent pixels (alpha 0 on those).
    /// </summary>
    public static void WriteLabels(LabelMap labels, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.HasTransparency)
        {
            AtomicFile.Write(path, s => IndexedPngWriter.WriteGray(s, labels.Labels, labels.Width, labels.Height), overwrite);
            return;
        }

        if (IsPng(path))
        {
            // Grey + alpha row by row, as LabelImageRenderer draws it.
            AtomicFile.Write(
                path,
                s => IndexedPngWriter.WriteRows(s, labels.Width, labels.Height, colorType: 4, (y, row) =>
                {
                    ReadOnlySpan<byte> indices = labels.GetRow(y);
                    int offset = y * labels.Width;
                    for (var x = 0; x < indices.Length; x++)
                    {
                        row[2 * x] = indices[x];
                        row[(2 * x) + 1] = labels.IsTransparent(offset + x) ? (byte)0 : (byte)255;
                    }
                }),
                overwrite);
            return;
        }

        using Image image = LabelImageRenderer.Render(labels);
        ImageWriter.Save(image, path, overwrite);
    }

    private static bool IsPng(string path) => Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase);
}
