namespace MlNetSegment;

/// <summary>Why an input image was refused.</summary>
public enum ImageProblem
{
    /// <summary>The file could not be opened or read (missing, a directory, no permission, I/O error).</summary>
    Unreadable,

    /// <summary>The content is not an image in a supported format, whatever the file name says.</summary>
    UnsupportedFormat,

    /// <summary>The header declares dimensions beyond the configured <see cref="ImageLimits"/>.</summary>
    TooLarge,

    /// <summary>The image data is damaged and cannot be decoded.</summary>
    Corrupt,

    /// <summary>Every pixel is fully transparent, so there is nothing to cluster.</summary>
    NoOpaquePixels,

    /// <summary>
    /// The file's metadata (PNG text chunks, JPEG APPn and COM segments) exceeds the limit, found from chunk and
    /// segment headers before any decoder reads it.
    /// </summary>
    ExcessiveMetadata,

    /// <summary>
    /// The regions pipeline found more connected pieces than it can merge within its memory budget (noise-like
    /// content; see <see cref="Regions.RegionOptions.MaxInitialRegions"/>).
    /// </summary>
    TooFragmented,

    /// <summary>
    /// A JPEG of more than 99 scans, counted from its markers before any decoder reads it: each scan is a pass over
    /// the whole image, so thousands of them are minutes of decoding.
    /// </summary>
    TooManyScans,
}

/// <summary>An input image was refused; the message is one line naming the file and the problem.</summary>
public sealed class ImageLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageLoadException(string path, ImageProblem problem, string detail, Exception? inner = null)
        : base($"{path}: {Describe(problem)}{(string.IsNullOrEmpty(detail) ? string.Empty : " (" + detail + ")")}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The refusal of an image whose every pixel is fully transparent.</summary>
    public static ImageLoadException NoOpaquePixels(string path) =>
        new(path, ImageProblem.NoOpaquePixels, "every pixel is fully transparent");

    /// <summary>The file that was refused.</summary>
    public string Path { get; }

    /// <summary>What was wrong with it.</summary>
    public ImageProblem Problem { get; }

    private static string Describe(ImageProblem problem) => problem switch
    {
        ImageProblem.Unreadable => "cannot read file",
        ImageProblem.UnsupportedFormat => "not a supported image",
        ImageProblem.TooLarge => "image too large",
        ImageProblem.Corrupt => "corrupt image data",
        ImageProblem.NoOpaquePixels => "no opaque pixels to segment",
        ImageProblem.ExcessiveMetadata => "too much metadata",
        ImageProblem.TooFragmented => "too fragmented for the regions pipeline",
        ImageProblem.TooManyScans => "too many JPEG scans",
        _ => "unusable image",
    };
}
