using MlNetSegment.Imaging;

namespace MlNetSegment.Evaluation;

/// <summary>
/// Reads a label image (8- or 16-bit greyscale PNG, or any image whose distinct colours are the labels) into one
/// integer label per pixel: the grey value of a grey image, else the packed 8-bit RGBA colour. The metrics do not
/// depend on how labels are numbered, only on which pixels share one.
/// </summary>
/// <remarks>
/// Label maps are untrusted input like images and go through the same guards (<see cref="ImageLoader"/>): a regular
/// file (a FIFO is refused before it is opened), the format from the content, PNG text chunks and JPEG metadata
/// bounded from their headers, the header's size checked against <see cref="ImageLimits"/> before decoding, and
/// interlaced PNGs decoded by libpng (ImageSharp 2.1.13 hangs on some of them); see <c>ImageLoader.LoadLabelPixels</c>.
/// </remarks>
internal static class LabelImageReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read, is refused or cannot be decoded; the one-line message names it.</exception>
    public static (int[] Labels, int Width, int Height) Read(string path, ImageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        int[] pixels;
        int width;
        int height;
        try
        {
            (pixels, width, height) = ImageLoader.LoadLabelPixels(path, limits ?? ImageLimits.Default);
        }
        catch (ImageLoadException ex)
        {
            throw new IOException(ex.Message, ex);
        }

        return (pixels, width, height);
    }
}
