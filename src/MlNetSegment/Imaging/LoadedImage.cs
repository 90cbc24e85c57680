using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Imaging;

/// <summary>A decoded image together with what the user should know about how it was read.</summary>
internal sealed class LoadedImage : IDisposable
{
    internal LoadedImage(Image<Rgba32> image, string format, IReadOnlyList<string> notices)
    {
        Image = image;
        Format = format;
        Notices = notices;
    }

    /// <summary>The pixels, oriented for display. Owned by this object.</summary>
    public Image<Rgba32> Image { get; }

    /// <summary>The format detected from the content: PNG, JPEG, BMP or GIF.</summary>
    public string Format { get; }

    /// <summary>Notes such as "only the first of 6 GIF frames is used"; empty when there is nothing to say.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Disposes <see cref="Image"/>.</summary>
    public void Dispose() => Image.Dispose();
}
