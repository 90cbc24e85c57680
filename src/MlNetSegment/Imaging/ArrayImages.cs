using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Imaging;

/// <summary>
/// Full-size RGBA images over one managed array, as the native decoder makes them: libpng can then encode them in
/// place (<c>Output.ImageWriter.WritePng</c>), where ImageSharp's own buffers are unmanaged and would need a copy.
/// </summary>
internal static class ArrayImages
{
    // ImageSharp wraps the array in its own memory manager, so the array cannot be had back from the image's memory.
    private static readonly ConditionalWeakTable<Image<Rgba32>, Rgba32[]> Arrays = [];

    /// <summary>The array behind an image made here.</summary>
    public static bool TryGetArray(Image<Rgba32> image, [NotNullWhen(true)] out Rgba32[]? pixels) =>
        Arrays.TryGetValue(image, out pixels);

    /// <summary>A new image of fully transparent black pixels.</summary>
    public static Image<Rgba32> Create(int width, int height)
    {
        var pixels = new Rgba32[checked(width * height)];
        return Wrap(pixels, width, height);
    }

    /// <summary>A new image that <paramref name="render"/> fills; disposed if filling it throws.</summary>
    public static Image<Rgba32> CreateFilled(int width, int height, Action<Image<Rgba32>> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        Image<Rgba32> image = Create(width, height);
        try
        {
            render(image);
        }
        catch
        {
            image.Dispose();
            throw;
        }

        return image;
    }

    /// <summary>A copy of <paramref name="image"/>'s pixels.</summary>
    public static Image<Rgba32> CopyOf(Image<Rgba32> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Rgba32[] pixels = LargeBuffers.AllocateUninitialized<Rgba32>(checked(image.Width * image.Height));
        image.CopyPixelDataTo(pixels);
        return Wrap(pixels, image.Width, image.Height);
    }

    /// <summary>An image over <paramref name="pixels"/> (width × height of them, row-major), which it then owns.</summary>
    public static Image<Rgba32> Wrap(Rgba32[] pixels, int width, int height)
    {
        Image<Rgba32> image = Image.WrapMemory(ImageLoader.Configuration, pixels.AsMemory(), width, height);
        Arrays.Add(image, pixels);
        return image;
    }
}
