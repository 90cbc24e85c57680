using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>
/// Tolerant comparison with golden PNGs under ReferenceOutput/&lt;TestClass&gt;/&lt;Method&gt;_&lt;input&gt;.png. The actual
/// output is saved under ActualOutput/ (git-ignored) for inspection. Set MLNETSEGMENT_UPDATE_GOLDENS=1 to write
/// missing goldens; never regenerate one just to make a test pass.
/// </summary>
public static class GoldenImage
{
    /// <summary>Mean absolute channel difference allowed over the whole image, in levels.</summary>
    public const double MeanTolerance = 1.5;

    /// <summary>Share of pixels allowed to differ by more than <see cref="PixelThreshold"/> on some channel.</summary>
    public const double DifferingPixelTolerance = 0.01;

    /// <summary>A channel difference that makes a pixel count as different.</summary>
    public const int PixelThreshold = 48;

    public static void AssertMatches(Image<Rgba32> actual, string testClass, string name)
    {
        string folder = Path.Combine(TestImages.RepoRoot, "tests", "MlNetSegment.Tests", "ReferenceOutput", testClass);
        string golden = Path.Combine(folder, name + ".png");
        string actualFolder = Path.Combine(TestImages.RepoRoot, "tests", "MlNetSegment.Tests", "ActualOutput", testClass);
        Directory.CreateDirectory(actualFolder);
        actual.SaveAsPng(Path.Combine(actualFolder, name + ".png"));
        if (!File.Exists(golden))
        {
            if (Environment.GetEnvironmentVariable("MLNETSEGMENT_UPDATE_GOLDENS") == "1")
            {
                Directory.CreateDirectory(folder);
                actual.SaveAsPng(golden);
                return;
            }

            Assert.Fail($"Golden image {golden} is missing.");
        }

        using var expected = Image.Load<Rgba32>(golden);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        double total = 0;
        long differing = 0;
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                Rgba32 e = expected[x, y];
                Rgba32 a = actual[x, y];
                int dr = Math.Abs(e.R - a.R), dg = Math.Abs(e.G - a.G), db = Math.Abs(e.B - a.B), da = Math.Abs(e.A - a.A);
                total += dr + dg + db + da;
                if (Math.Max(Math.Max(dr, dg), Math.Max(db, da)) > PixelThreshold)
                {
                    differing++;
                }
            }
        }

        long pixels = (long)expected.Width * expected.Height;
        double mean = total / (pixels * 4);
        Assert.True(mean <= MeanTolerance, $"{name}: mean channel difference {mean:F2} > {MeanTolerance}");
        Assert.True((double)differing / pixels <= DifferingPixelTolerance, $"{name}: {differing} of {pixels} pixels differ by more than {PixelThreshold}");
    }
}
