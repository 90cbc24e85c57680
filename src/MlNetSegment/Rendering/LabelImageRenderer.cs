using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>Turns a label map into a single-channel image whose value is the cluster index.</summary>
internal static class LabelImageRenderer
{
    /// <summary>
    /// An 8-bit grey image, value = cluster index 0..K-1. When the input had fully transparent pixels, a grey+alpha
    /// image instead, with alpha 0 on those unclustered pixels and 255 elsewhere.
    /// </summary>
    public static Image Render(LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.HasTransparency)
        {
            return Image.LoadPixelData<L8>(MemoryMarshalBytes(labels.Labels), labels.Width, labels.Height);
        }

        var image = new Image<La16>(labels.Width, labels.Height);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<La16> row = accessor.GetRowSpan(y);
                ReadOnlySpan<byte> indices = labels.GetRow(y);
                int offset = y * labels.Width;
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new La16(indices[x], labels.IsTransparent(offset + x) ? (byte)0 : (byte)255);
                }
            }
        });
        return image;
    }

    private static ReadOnlySpan<L8> MemoryMarshalBytes(byte[] labels) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, L8>(labels);
}
