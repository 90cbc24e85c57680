using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Imaging;

/// <summary>
/// Decodes PNG and JPEG with SkiaSharp's codecs (libpng, libjpeg-turbo), straight into the pixel buffer of an
/// ImageSharp image: no intermediate bitmap and no copy.
/// </summary>
/// <remarks>
/// Why not ImageSharp here: its decoders are managed code that the JIT compiles in every new process, about 0.2 s for
/// PNG and 0.5–0.8 s for JPEG on this project's machine before the first pixel — more than the whole rest of a
/// segmentation. The native codecs are precompiled and are the ones browsers ship and OSS-Fuzz fuzzes. The same
/// guards as ImageSharp's path apply: the caller has already decided the format from the content, and the header's
/// dimensions are checked here before any pixel is decoded.
/// Adam7-interlaced PNGs also come here whichever decoder is chosen, because ImageSharp 2.1.13 cannot be trusted with
/// them: it loops forever when the inflated data ends before the last pass (any truncated interlaced PNG), and
/// misplaces rows when a pass has no columns (width 4 or less). So do 16-bit PNGs with a tRNS colour key, whose key
/// ImageSharp 2.1.13 reads byte-swapped (never matching, so the keyed pixels stay opaque), and PNGs whose first IDAT
/// chunk is shorter than the zlib header or that have an empty IDAT chunk (ImageSharp fails or stops early on them).
/// </remarks>
internal static class NativeCodecDecoder
{
    /// <summary>What the header says, read before the pixels.</summary>
    /// <param name="Width">Stored width.</param>
    /// <param name="Height">Stored height.</param>
    internal readonly record struct Header(int Width, int Height);

    /// <summary>
    /// Reads the header of the PNG or JPEG in <paramref name="stream"/>, lets <paramref name="checkHeader"/> refuse it,
    /// then decodes every pixel as unpremultiplied RGBA without colour management (as ImageSharp gives them).
    /// </summary>
    /// <exception cref="ImageLoadException">The data is damaged or ends early, or <paramref name="checkHeader"/> refused it.</exception>
    public static Image<Rgba32> Decode(Stream stream, string name, SKEncodedImageFormat expected, Action<Header> checkHeader)
    {
        // libpng sees the PNG without its text chunks and large ancillary chunks (quadratic in libpng's progressive reader).
        using Stream filtered = expected == SKEncodedImageFormat.Png ? PngChunkFilterStream.Create(stream) : new NonClosingStream(stream);
        using var skStream = new SKManagedStream(filtered, disposeManagedStream: false);
        using SKCodec? codec = SKCodec.Create(skStream, out SKCodecResult created);
        if (codec is null)
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, Describe(created));
        }

        if (codec.EncodedFormat != expected)
        {
            // Only reachable if Skia's sniffing disagrees with ImageSharp's: never decode a format we did not allow.
            throw new ImageLoadException(name, ImageProblem.Corrupt, $"content sniffed as {codec.EncodedFormat}, not {expected}");
        }

        int width = codec.Info.Width;
        int height = codec.Info.Height;
        checkHeader(new Header(width, height));

        // The buffer the image will own, pinned so that Skia can write into it. Uninitialised is safe: a decode that
        // does not fill every pixel is refused below and the buffer is dropped.
        Rgba32[] pixels = LargeBuffers.AllocateUninitialized<Rgba32>(checked(width * height));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKCodecResult decoded = codec.GetPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0));
        if (decoded != SKCodecResult.Success)
        {
            // Skia fills what it could not read; refuse rather than cluster invented pixels.
            throw new ImageLoadException(name, ImageProblem.Corrupt, Describe(decoded));
        }

        return ArrayImages.Wrap(pixels, width, height);
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the image data ends early",
        SKCodecResult.ErrorInInput => "the image data is damaged",
        SKCodecResult.InvalidInput => "invalid or unsupported data",
        SKCodecResult.Unimplemented => "an unsupported variant of the format",
        _ => "the decoder failed (" + result + ")",
    };
}

/// <summary>Passes everything through; disposing it leaves the inner stream open.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
