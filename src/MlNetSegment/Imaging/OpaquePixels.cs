using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Imaging;

/// <summary>The one count of an image's opaque pixels (alpha not 0) that sampling, training and apply share.</summary>
internal static class OpaquePixels
{
    /// <summary>Number of pixels of <paramref name="image"/> whose alpha is not 0.</summary>
    public static long Count(Image<Rgba32> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long count = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (Rgba32 p in accessor.GetRowSpan(y))
                {
                    if (p.A != 0)
                    {
                        count++;
                    }
                }
            }
        });
        return count;
    }
}
