using System.Runtime.InteropServices;
using MlNetSegment.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Output;

/// <summary>Encodes images by the output file's extension and writes them atomically.</summary>
internal static class ImageWriter
{
    /// <summary>Extensions an output image may have.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>True when <paramref name="path"/> ends in a supported image extension.</summary>
    public static bool IsSupported(string path) =>
        SupportedExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The encoder for <paramref name="path"/>'s extension.</summary>
    /// <exception cref="ArgumentException">The extension is not supported.</exception>
    public static IImageEncoder EncoderFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        // Level 1 deflate: a flat-coloured segmentation compresses well anyway, and level 6 (the default) took 4x
        // as long to encode 8 MP for a few percent smaller files.
        ".png" => new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed, BitDepth = PngBitDepth.Bit8 },
        ".jpg" or ".jpeg" => new JpegEncoder { Quality = 95 },
        ".bmp" => new BmpEncoder(),
        _ => throw new ArgumentException($"{path}: unsupported output format (use {string.Join(", ", SupportedExtensions)})", nameof(path)),
    };

    /// <summary>Encodes <paramref name="image"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(Image image, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(image);
        IImageEncoder encoder = EncoderFor(path);
        if (encoder is PngEncoder && image is Image<Rgba32> rgba)
        {
            AtomicFile.Write(path, stream => WritePng(rgba, stream), overwrite);
            return;
        }

        AtomicFile.Write(path, stream => image.Save(stream, encoder), overwrite);
    }

    /// <summary>
    /// Encodes an RGBA image as PNG (8 bits per channel, zlib level 1): with libpng through Skia, straight from the
    /// image's own pixels, when they are one managed array (<see cref="Imaging.ArrayImages"/>, the native decoder);
    /// otherwise with ImageSharp.
    /// </summary>
    /// <remarks>
    /// Not ImageSharp's PNG encoder: ImageSharp 2.x deflates the whole image into a memory stream and then copies it
    /// out, so an incompressible 100-megapixel image (noise, say) costs about 1 GB beyond its pixels. libpng
    /// writes row by row to the stream.
    /// </remarks>
    public static void WritePng(Image<Rgba32> image, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        if (!Imaging.ArrayImages.TryGetArray(image, out Rgba32[]? pixels))
        {
            image.Save(stream, EncoderFor(".png"));
            return;
        }

        GCHandle pinned = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var pixmap = new SKPixmap(info, pinned.AddrOfPinnedObject(), image.Width * 4);
            var guarded = new NativeCallbackStream(stream);
            bool encoded;
            using (var output = new SKManagedWStream(guarded))
            {
                encoded = pixmap.Encode(output, new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1));
            }

            guarded.ThrowIfFailed();
            if (!encoded)
            {
                throw new IOException("The PNG encoder failed.");
            }
        }
        finally
        {
            pinned.Free();
        }
    }
}
