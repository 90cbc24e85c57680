using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Imaging;

/// <summary>
/// Decodes Adam7-interlaced PNGs with Skia's PNG codec (libpng inside SkiaSharp, which ML.NET's image package already
/// ships), because ImageSharp 2.1.13's interlaced PNG decoder cannot be trusted with them:
/// <list type="bullet">
/// <item>When the inflated data ends before the last pass, its row loop returns to its pass loop, which asks the
/// inflater again, forever, at full CPU and without checking the cancellation token. Every truncated or short
/// interlaced PNG, and a valid one followed by a second IDAT run, hangs the process.</item>
/// <item>When a pass has no columns (width 4 or less) it skips the pass without moving to that pass's first row, so
/// the following passes land on the wrong rows: a valid 1x8 image decodes with half its rows transparent, and tiny
/// ones (1x1, 4x1, ...) read past their data and hang as above.</item>
/// </list>
/// Neither can be detected from the header without inflating the data, and patching the data is decoding by hand, so
/// these files take a decoder that handles them. ImageSharp still identifies the file and checks the limits first.
/// </summary>
internal static class InterlacedPngDecoder
{
    /// <summary>Decodes the PNG in <paramref name="stream"/> (at its start) into RGBA, without colour management.</summary>
    /// <exception cref="ImageLoadException">Skia cannot decode the image completely.</exception>
    public static Image<Rgba32> Decode(Stream stream, string name)
    {
        using var skStream = new SKManagedStream(stream, disposeManagedStream: false);
        using SKCodec? codec = SKCodec.Create(skStream, out SKCodecResult created);
        if (codec is null)
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, "interlaced PNG: " + Describe(created));
        }

        // No colour space on the target: pixels come out as stored, as ImageSharp gives them for every other file.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            // Skia fills what it could not read; like ImageSharp on a truncated non-interlaced PNG, refuse rather
            // than cluster invented pixels.
            throw new ImageLoadException(name, ImageProblem.Corrupt, "interlaced PNG: " + Describe(decoded));
        }

        return Image.LoadPixelData<Rgba32>(ImageLoader.Configuration, bitmap.GetPixelSpan(), info.Width, info.Height);
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the image data ends early",
        SKCodecResult.ErrorInInput => "the image data is damaged",
        SKCodecResult.InvalidInput => "invalid header",
        _ => "Skia could not decode it (" + result + ")",
    };
}
