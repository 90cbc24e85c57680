using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Imaging;

/// <summary>ML.NET's <see cref="MLImage"/> at the library's boundary.</summary>
internal static class MlImages
{
    /// <summary>The pixels of an <see cref="MLImage"/> (BGRA or RGBA) as an RGBA image.</summary>
    public static Image<Rgba32> ToImage(MLImage image) => image.PixelFormat switch
    {
        MLPixelFormat.Bgra32 => Image.LoadPixelData<Bgra32>(image.Pixels, image.Width, image.Height).CloneAs<Rgba32>(),
        MLPixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(image.Pixels, image.Width, image.Height),
        _ => throw new NotSupportedException($"Pixel format {image.PixelFormat} is not supported."),
    };
}
