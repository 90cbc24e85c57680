using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace MlNetSegment.IO;

/// <summary>Encodes images by the output file's extension and writes them atomically.</summary>
public static class ImageWriter
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
        AtomicFile.Write(path, stream => image.Save(stream, encoder), overwrite);
    }
}
