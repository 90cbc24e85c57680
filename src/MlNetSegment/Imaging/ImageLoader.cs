using MlNetSegment.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;

namespace MlNetSegment.Imaging;

/// <summary>
/// Decodes untrusted image files safely: the format is detected from the content, only PNG, JPEG, BMP and GIF are
/// accepted, and the header's dimensions are checked against <see cref="ImageLimits"/> before decoding.
/// </summary>
/// <remarks>
/// TIFF, WebP, TGA and PBM decoders are left out on purpose: they are rarely photos, and TIFF (with open CCITT and
/// BigTIFF advisories) and WebP are ImageSharp's largest decoders. GIF's advisories (out-of-bounds writes, a comment
/// loop) are fixed in 2.1.13; see the README's Safety section. Animated GIFs are decoded to their first frame only. EXIF orientation is applied, so pixels come out
/// the way viewers show them. PNG and JPEG pixels are decoded by <see cref="NativeCodecDecoder"/> (libpng and
/// libjpeg-turbo) unless <see cref="ImageLimits.Decoder"/> asks for ImageSharp; Adam7-interlaced PNGs always are, since
/// ImageSharp 2.1.13 hangs or misplaces rows on some of them, and so are the PNGs it misreads for other reasons
/// (<see cref="ContainerScan.Result.NeedsLibpng"/>).
/// </remarks>
internal static class ImageLoader
{
    /// <summary>Formats this loader decodes.</summary>
    public static IReadOnlyList<string> SupportedFormats { get; } = ["PNG", "JPEG", "BMP", "GIF"];

    /// <summary>An ImageSharp configuration that knows only the supported formats and keeps pixel buffers contiguous.</summary>
    public static Configuration Configuration { get; } = CreateConfiguration();

    /// <summary>Decodes <paramref name="path"/> into RGBA pixels, oriented for display.</summary>
    /// <exception cref="ImageLoadException">The file is unreadable, not a supported image, too large or corrupt.</exception>
    public static Image<Rgba32> Load(string path, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ImageLimits.Default;
        limits.Validate();
        using var stream = OpenRegularFile(path);
        return Decode(stream, path, limits, notices: null, cancellationToken).Image;
    }

    /// <summary>
    /// Decodes <paramref name="path"/> like <see cref="Load(string, ImageLimits?, CancellationToken)"/> and also
    /// returns the detected format and notes for the user (for example that only the first GIF frame is used).
    /// </summary>
    /// <exception cref="ImageLoadException">The file is unreadable, not a supported image, too large or corrupt.</exception>
    public static LoadedImage LoadWithNotices(string path, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ImageLimits.Default;
        limits.Validate();
        using var stream = OpenRegularFile(path);
        var notices = new List<string>();
        (Image<Rgba32> image, string format) = Decode(stream, path, limits, notices, cancellationToken);
        return new LoadedImage(image, format, notices);
    }

    /// <summary>Decodes an image from a seekable <paramref name="stream"/>; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="ImageLoadException">The content is not a supported image, too large or corrupt.</exception>
    public static Image<Rgba32> Load(Stream stream, string name, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable: the header is read before the pixels.", nameof(stream));
        }

        limits ??= ImageLimits.Default;
        limits.Validate();
        return Decode(stream, name, limits, notices: null, cancellationToken).Image;
    }

    /// <summary>Reads only the header: format and dimensions (before orientation), checking the limits.</summary>
    /// <exception cref="ImageLoadException">The file is unreadable, not a supported image or too large.</exception>
    public static (int Width, int Height, string Format) Probe(string path, ImageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ImageLimits.Default;
        using var stream = OpenRegularFile(path);
        long start = stream.Position;
        IImageFormat format = DetectFormat(stream, path);
        stream.Position = start;
        ScanContainer(stream, path, format);
        stream.Position = start;
        IImageInfo info = Identify(stream, path);
        CheckLimits(info.Width, info.Height, path, limits);
        return (info.Width, info.Height, format.Name);
    }

    /// <summary>
    /// Decodes the label map <paramref name="path"/> through the same guards as any image (a regular file, format
    /// from the content, the container scan, header limits before decoding) into one value per pixel: the grey value
    /// of an 8- or 16-bit grey PNG, else the packed 8-bit RGBA colour. Non-interlaced PNGs are decoded by ImageSharp,
    /// which keeps 16-bit grey values (Skia's codec only gives 8-bit or half-float pixels); Adam7-interlaced ones by
    /// libpng, since ImageSharp 2.1.13 hangs on some of them, and so are those whose first IDAT chunk is shorter than
    /// the zlib header or empty, or that stop before IEND (see <see cref="ContainerScan.Result"/>); such a label map of
    /// 16 bits is refused, and one of 8 bits gives its grey labels as packed colours (the same partition, and only which
    /// pixels share a label is scored). Other
    /// formats are decoded as <see cref="Load(string, ImageLimits?, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="ImageLoadException">The file is unreadable, not a supported image, too large or corrupt.</exception>
    internal static (int[] Pixels, int Width, int Height) LoadLabelPixels(string path, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        limits.Validate();
        using var stream = OpenRegularFile(path);
        long start = stream.Position;
        IImageFormat format = DetectFormat(stream, path);
        stream.Position = start;
        if (format != PngFormat.Instance)
        {
            using Image<Rgba32> decoded = Decode(stream, path, limits, notices: null, cancellationToken).Image;
            return (Pack(decoded, p => unchecked((int)p.PackedValue)), decoded.Width, decoded.Height);
        }

        ContainerScan.Result scan = ScanContainer(stream, path, format);
        if (scan.Png is not { } ihdr)
        {
            throw new ImageLoadException(path, ImageProblem.Corrupt, "no complete IHDR chunk");
        }

        CheckLimits(ihdr.Width, ihdr.Height, path, limits);
        cancellationToken.ThrowIfCancellationRequested();
        stream.Position = start;
        try
        {
            if (ihdr.Interlaced || scan.SplitZlibHeader || scan.EndsEarly)
            {
                if (ihdr.BitDepth == 16)
                {
                    throw new ImageLoadException(
                        path,
                        ImageProblem.Corrupt,
                        ihdr.Interlaced
                            ? "a 16-bit interlaced label map is not supported; save it without interlacing"
                            : scan.EndsEarly
                            ? "the image data ends early, before the IEND chunk"
                            : "a 16-bit label map with an empty or 1-byte first IDAT chunk is not supported; save it again");
                }

                using Image<Rgba32> native = NativeCodecDecoder.Decode(stream, path, SKEncodedImageFormat.Png, header => CheckLimits(header.Width, header.Height, path, limits));
                return (Pack(native, p => unchecked((int)p.PackedValue)), native.Width, native.Height);
            }

            using Image image = Image.Load(Configuration, stream);
            int[] pixels = image switch
            {
                Image<L16> grey16 => Pack(grey16, p => (int)p.PackedValue),
                Image<L8> grey8 => Pack(grey8, p => (int)p.PackedValue),
                _ => PackRgba(image),
            };
            return (pixels, image.Width, image.Height);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw DecoderFailure(path, ex);
        }
    }

    // Labels as ints: grey values as they are, colours as their packed 8-bit RGBA value (which may wrap to negative;
    // only which pixels share a label matters). Four bytes a pixel: a 100 MP map is 400 MB, not 800.
    private static int[] PackRgba(Image image)
    {
        using Image<Rgba32> rgba = image.CloneAs<Rgba32>();
        return Pack(rgba, p => unchecked((int)p.PackedValue));
    }

    private static int[] Pack<TPixel>(Image<TPixel> image, Func<TPixel, int> value)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        int[] values = LargeBuffers.AllocateUninitialized<int>(image.Width * image.Height);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<TPixel> row = accessor.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    values[(y * accessor.Width) + x] = value(row[x]);
                }
            }
        });
        return values;
    }

    private static (Image<Rgba32> Image, string Format) Decode(
        Stream stream, string name, ImageLimits limits, List<string>? notices, CancellationToken cancellationToken)
    {
        long start = stream.Position;
        IImageFormat format = DetectFormat(stream, name);
        stream.Position = start;
        ContainerScan.Result scan = ScanContainer(stream, name, format);
        stream.Position = start;
        Image<Rgba32> image;
        // A PNG that libpng decodes whichever decoder is chosen (see ContainerScan.Result) is not identified by ImageSharp
        // first: on a file cut inside its last CRC or its IEND, Identify failed ("CRC Error", "Invalid PNG data") where
        // libpng reads every row (probe round 10).
        if ((limits.Decoder == PixelDecoder.Native && (format == PngFormat.Instance || format == JpegFormat.Instance))
            || (format == PngFormat.Instance && scan.Png is { } ihdr && (ihdr.Interlaced || scan.NeedsLibpng)))
        {
            image = DecodeNative(stream, name, format, scan, limits, cancellationToken);
        }
        else
        {
            IImageInfo info = Identify(stream, name);
            CheckLimits(info.Width, info.Height, name, limits);
            cancellationToken.ThrowIfCancellationRequested();
            stream.Position = start;
            try
            {
                if (format == PngFormat.Instance && info.Metadata.GetPngMetadata().InterlaceMethod == PngInterlaceMode.Adam7)
                {
                    image = NativeCodecDecoder.Decode(stream, name, SKEncodedImageFormat.Png, _ => { });
                }
                else
                {
                    image = Image.Load<Rgba32>(Configuration, stream);
                }

                // Our ImageSharp configuration ignores metadata; the orientation comes from the container scan.
                SetOrientation(image, scan.Orientation);
            }
            catch (Exception ex) when (IsDecoderFailure(ex))
            {
                throw DecoderFailure(name, ex);
            }
        }

        try
        {
            if (notices is not null && format == GifFormat.Instance)
            {
                stream.Position = start;
                int frames = GifFrameCounter.Count(stream);
                if (frames > 1)
                {
                    notices.Add($"{name} is an animated GIF of {frames} frames; only the first frame is used.");
                }
            }

            if (NeedsOrientation(image.Metadata))
            {
                image.Mutate(x => x.AutoOrient());
            }

            return (image, format.Name);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static Image<Rgba32> DecodeNative(
        Stream stream, string name, IImageFormat format, ContainerScan.Result scan, ImageLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            SKEncodedImageFormat expected = SKEncodedImageFormat.Jpeg;
            if (format == PngFormat.Instance)
            {
                expected = SKEncodedImageFormat.Png;
                // The PNG rule that IHDR comes first is also what lets the limits be checked before libpng allocates.
                if (scan.Png is not { } ihdr)
                {
                    throw new ImageLoadException(name, ImageProblem.Corrupt, "the PNG does not start with a complete IHDR chunk");
                }

                CheckLimits(ihdr.Width, ihdr.Height, name, limits);
            }

            Image<Rgba32> image = NativeCodecDecoder.Decode(stream, name, expected, header =>
            {
                CheckLimits(header.Width, header.Height, name, limits);
                cancellationToken.ThrowIfCancellationRequested();
            });

            // The orientation comes from the container scan for both formats, as on the managed path.
            SetOrientation(image, scan.Orientation);
            return image;
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw DecoderFailure(name, ex);
        }
    }

    // AutoOrient reads the orientation from the image's EXIF profile.
    private static void SetOrientation(Image image, ushort orientation)
    {
        if (orientation > 1)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        }
    }

    /// <summary>
    /// The one guard before any decoder (native or ImageSharp, pixels or header only) reads a PNG or JPEG: chunk and
    /// segment headers only, refusing metadata floods; see <see cref="ContainerScan"/>.
    /// </summary>
    internal static ContainerScan.Result ScanContainer(Stream stream, string name, IImageFormat format)
    {
        try
        {
            return format == PngFormat.Instance ? ContainerScan.Png(stream, name)
                : format == JpegFormat.Instance ? ContainerScan.Jpeg(stream, name)
                : new ContainerScan.Result(1);
        }
        catch (EndOfStreamException)
        {
            return new ContainerScan.Result(1); // the decoder reports data that ends early
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(name, ImageProblem.Unreadable, IO.IoErrors.Describe(ex), ex);
        }
    }

    // The format comes from the content's magic bytes alone; a decoder failure after this point means the file is a
    // damaged (or unsupported variant of a) supported format, so it is reported as corrupt, not as "not an image".
    private static IImageFormat DetectFormat(Stream stream, string name)
    {
        IImageFormat? format;
        try
        {
            if (stream.CanSeek && stream.Length == stream.Position)
            {
                // Said as it is: "expected PNG, JPEG, …" sends the user looking for a format problem (probe round 8).
                throw new ImageLoadException(name, ImageProblem.UnsupportedFormat, "the file is empty");
            }

            format = Image.DetectFormat(Configuration, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(name, ImageProblem.Unreadable, IO.IoErrors.Describe(ex), ex);
        }

        return format ?? throw Unsupported(name);
    }

    private static IImageInfo Identify(Stream stream, string name)
    {
        IImageInfo? info;
        try
        {
            info = Image.Identify(Configuration, stream);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException || IsDecoderFailure(ex))
        {
            throw DecoderFailure(name, ex);
        }

        return info ?? throw new ImageLoadException(name, ImageProblem.Corrupt, "the header cannot be read");
    }

    private static ImageLoadException Unsupported(string name) =>
        new(name, ImageProblem.UnsupportedFormat, "expected " + string.Join(", ", SupportedFormats));

    private static void CheckLimits(long width, long height, string name, ImageLimits limits)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, $"header declares {width}x{height} pixels");
        }

        if (width > limits.MaxSide || height > limits.MaxSide)
        {
            throw new ImageLoadException(name, ImageProblem.TooLarge, $"{width}x{height} exceeds {limits.MaxSide} px per side");
        }

        if (width * height > Math.Min(limits.MaxPixels, Array.MaxLength))
        {
            throw new ImageLoadException(
                name,
                ImageProblem.TooLarge,
                $"{width}x{height} = {width * height:N0} pixels exceeds the limit of {limits.MaxPixels:N0}; raise it with --max-pixels");
        }
    }

    private static FileStream OpenRegularFile(string path)
    {
        // Otherwise "could not find file" for a file that is there.
        if (IO.FileNames.NotUtf8(path) is { } notUtf8)
        {
            throw new ImageLoadException(path, ImageProblem.Unreadable, notUtf8);
        }

        if (IO.FileNames.TooLong(path) is { } tooLong)
        {
            throw new ImageLoadException(IO.FileNames.Shortened(path), ImageProblem.Unreadable, tooLong);
        }

        // Before opening: opening a FIFO blocks until a writer appears, and a device never ends.
        if (RegularFile.WhyNotRegular(path) is { } why)
        {
            throw new ImageLoadException(path, ImageProblem.Unreadable, why);
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw new ImageLoadException(path, ImageProblem.Unreadable, "it is a directory");
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (!stream.CanSeek)
            {
                // Where the file type is unknown (not Linux), a pipe or terminal still shows itself here.
                stream.Dispose();
                throw new ImageLoadException(path, ImageProblem.Unreadable, "not a regular file");
            }

            return stream;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImageLoadException(path, ImageProblem.Unreadable, IO.IoErrors.Describe(ex), ex);
        }
    }

    private static bool NeedsOrientation(ImageMetadata metadata) =>
        metadata.ExifProfile?.GetValue(ExifTag.Orientation) is { } tag && tag.Value is > 1 and <= 8;

    // Decoders of hostile data fail in many ways (the fuzzer found a DivideByZeroException in ImageSharp's BMP palette
    // reader), so whatever a decoder throws is reported as corrupt data, except conditions of the process itself: out
    // of memory, cancellation, and our own refusals.
    private static bool IsDecoderFailure(Exception ex) =>
        ex is not (OutOfMemoryException or OperationCanceledException or ImageLoadException);

    // A decoder's failure on a file whose format was recognised: a variant it does not support (NotSupportedException:
    // a BMP with JPEG compression, an arithmetic-coded JPEG) is said to be unsupported, not corrupt (probe round 8);
    // anything else is corrupt data.
    private static ImageLoadException DecoderFailure(string name, Exception ex) =>
        ex is NotSupportedException
            ? new ImageLoadException(name, ImageProblem.UnsupportedFormat, "a variant the decoder does not support: " + IO.Messages.FirstLine(ex.Message), ex)
            : new ImageLoadException(name, ImageProblem.Corrupt, DecoderDetail(ex), ex);

    // What a decoder said about the data, when it said something about the data: ImageSharp's format errors and I/O
    // errors (the stream ended). Anything else is the decoder tripping over malformed data (probe round 7 met
    // "Object reference not set to an instance of an object" and "Attempted to divide by zero"), which says nothing
    // to the user but which kind it was.
    // A file that changes while it is read (probe round 9, finding 6) reached the user as .NET's "Unable to read beyond
    // the end of the stream." or ImageSharp's "Image cannot be loaded. Available decoders:" cut at its line break.
    internal static string DecoderDetail(Exception ex) => ex switch
    {
        EndOfStreamException => "the image data ends early",
        UnknownImageFormatException => "the decoder did not recognise the data (did the file change while it was read?)",
        ImageFormatException or IOException => IO.Messages.FirstLine(ex.Message),
        _ => $"the decoder stopped on malformed data: {ex.GetType().Name}",
    };

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new BmpConfigurationModule(),
            new GifConfigurationModule())
        {
            PreferContiguousImageBuffers = true,
        };

        // Metadata is never needed for pixels, and ImageSharp 2.1.13 inflates PNG text chunks without a limit (a 1 MB
        // zTXt reached 2.9 GB) and appends JPEG APP1/APP2 segments at about 2 MB/s. The EXIF orientation is read by
        // ContainerScan instead.
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = true });

        // An animated GIF can hold thousands of frames; we only ever use the first.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
