using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>Pixel-exact comparison of two decoded images.</summary>
internal static class PixelAssert
{
    /// <summary>Fails, naming the first pixel that differs, unless both images have the same size and pixels.</summary>
    public static void Same(Image<Rgba32> expected, Image<Rgba32> actual, string name)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                Assert.True(expected[x, y] == actual[x, y], $"{name}: ({x}, {y}) is {actual[x, y]}, not {expected[x, y]}");
            }
        }
    }
}
