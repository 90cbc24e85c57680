using MlNetSegment.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Evaluation;

/// <summary>
/// Reads a label image (8- or 16-bit greyscale PNG, or any image whose distinct colours are the labels) into one
/// integer label per pixel. The values are used as given; the metrics do not depend on how labels are numbered.
/// </summary>
public static class LabelImageReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read or decoded; the message names it.</exception>
    public static (int[] Labels, int Width, int Height) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Image image;
        try
        {
            image = Image.Load(ImageLoader.Configuration, path);
        }
        catch (UnknownImageFormatException ex)
        {
            throw new IOException($"{path}: not a PNG label image", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImageFormatException or NotSupportedException)
        {
            throw new IOException($"{path}: cannot read label image ({ex.Message})", ex);
        }

        using (image)
        {
            return (image switch
            {
                Image<L16> grey16 => Values(grey16, p => p.PackedValue),
                Image<L8> grey8 => Values(grey8, p => p.PackedValue),
                _ => Packed(image),
            }, image.Width, image.Height);
        }
    }

    private static int[] Values<TPixel>(Image<TPixel> image, Func<TPixel, int> value)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var labels = new int[image.Width * image.Height];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<TPixel> row = accessor.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    labels[(y * accessor.Width) + x] = value(row[x]);
                }
            }
        });
        return labels;
    }

    // Colour or grey+alpha images: each distinct 8-bit RGBA value is one label.
    private static int[] Packed(Image image)
    {
        using Image<Rgba32> rgba = image.CloneAs<Rgba32>();
        return Values(rgba, p => (int)p.PackedValue);
    }
}
