using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Imaging;

/// <summary>
/// Decodes untrusted image files safely: the format is detected from the content, only PNG, JPEG, BMP and GIF are
/// accepted, and the header's dimensions are checked against <see cref="ImageLimits"/> before decoding.
/// </summary>
/// <remarks>
/// TIFF, WebP, TGA and PBM decoders are left out on purpose: they are the least used for photos and account for most
/// of ImageSharp's published decoder advisories (TIFF and WebP above all), so leaving them out shrinks the attack
/// surface. Animated GIFs are decoded to their first frame only. EXIF orientation is applied, so pixels come out
/// the way viewers show them.
/// </remarks>
public static class ImageLoader
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
        return Load(stream, path, limits, cancellationToken);
    }

    /// <summary>Decodes an image from a seekable <paramref name="stream"/>; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="ImageLoadException">The content is not a supported image, too large or corrupt.</exception>
    public static Image<Rgba32> Load(Stream stream, string name, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ImageLimits.Default;
        IImageInfo info = Identify(stream, name);
        CheckLimits(info.Width, info.Height, name, limits);
        stream.Position = 0;

        Image<Rgba32> image;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            image = Image.Load<Rgba32>(Configuration, stream);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, FirstLine(ex.Message), ex);
        }

        try
        {
            if (NeedsOrientation(image.Metadata))
            {
                image.Mutate(x => x.AutoOrient());
            }

            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Reads only the header: format and dimensions (before orientation), checking the limits.</summary>
    /// <exception cref="ImageLoadException">The file is unreadable, not a supported image or too large.</exception>
    public static (int Width, int Height, string Format) Probe(string path, ImageLimits? limits = null)
    {
        limits ??= ImageLimits.Default;
        using var stream = OpenRegularFile(path);
        IImageInfo info = Identify(stream, path, out IImageFormat format);
        CheckLimits(info.Width, info.Height, path, limits);
        return (info.Width, info.Height, format.Name);
    }

    private static IImageInfo Identify(Stream stream, string name) => Identify(stream, name, out _);

    private static IImageInfo Identify(Stream stream, string name, out IImageFormat format)
    {
        IImageInfo? info;
        IImageFormat? detected;
        try
        {
            info = Image.Identify(Configuration, stream, out detected);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or NotSupportedException)
        {
            throw Unsupported(name);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, FirstLine(ex.Message), ex);
        }

        if (info is null || detected is null)
        {
            throw Unsupported(name);
        }

        format = detected;
        return info;
    }

    private static ImageLoadException Unsupported(string name) =>
        new(name, ImageProblem.UnsupportedFormat, "expected " + string.Join(", ", SupportedFormats));

    private static void CheckLimits(int width, int height, string name, ImageLimits limits)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, $"header declares {width}x{height} pixels");
        }

        if (width > limits.MaxSide || height > limits.MaxSide)
        {
            throw new ImageLoadException(name, ImageProblem.TooLarge, $"{width}x{height} exceeds {limits.MaxSide} px per side");
        }

        if ((long)width * height > limits.MaxPixels)
        {
            throw new ImageLoadException(
                name,
                ImageProblem.TooLarge,
                $"{width}x{height} = {(long)width * height:N0} pixels exceeds the limit of {limits.MaxPixels:N0}; raise it with --max-pixels");
        }
    }

    private static FileStream OpenRegularFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new ImageLoadException(path, ImageProblem.Unreadable, "it is a directory");
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImageLoadException(path, ImageProblem.Unreadable, FirstLine(ex.Message), ex);
        }
    }

    private static bool NeedsOrientation(ImageMetadata metadata) =>
        metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation) is { } tag && tag.Value is > 1 and <= 8;

    // Decoders of hostile data can fail in many ways; anything that is not a bug of ours or a fatal runtime condition
    // is reported as corrupt data rather than as a crash.
    private static bool IsDecoderFailure(Exception ex) =>
        ex is ImageFormatException or InvalidImageContentException or IOException or EndOfStreamException or ArgumentException
            or IndexOutOfRangeException or InvalidOperationException or NotSupportedException or OverflowException
            or InvalidDataException or NullReferenceException or ImageProcessingException;

    internal static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

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

        // An animated GIF can hold thousands of frames; we only ever use the first.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
