using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Benchmarks;

/// <summary>Photo-like benchmark inputs of a given size: a bundled sample scaled up, with seeded sensor-like noise.</summary>
public static class BenchmarkImages
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// data/astronaut.png resized to about <paramref name="megapixels"/> MP with Lanczos, plus Gaussian-ish noise of
    /// about 2 levels so that the number of distinct colours is like a camera photo's rather than an upscale's.
    /// </summary>
    public static Image<Rgba32> Photo(double megapixels, int seed = 0)
    {
        var image = Image.Load<Rgba32>(Path.Combine(RepoRoot, "data", "astronaut.png"));
        int side = (int)Math.Round(Math.Sqrt(megapixels * 1e6));
        image.Mutate(x => x.Resize(side, side, KnownResamplers.Lanczos3));
        var random = new Random(seed);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (ref Rgba32 p in accessor.GetRowSpan(y))
                {
                    p.R = Noisy(p.R);
                    p.G = Noisy(p.G);
                    p.B = Noisy(p.B);
                }
            }
        });
        return image;

        byte Noisy(byte v) => (byte)Math.Clamp(v + random.Next(-2, 3) + random.Next(-2, 3), 0, 255);
    }

    /// <summary>Writes <see cref="Photo"/> as a PNG (deflate level 1) to a temp file and returns its path.</summary>
    public static string PhotoFile(double megapixels)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsegment-bench-{megapixels:0.##}mp.png");
        if (!File.Exists(path))
        {
            using var image = Photo(megapixels);
            image.SaveAsPng(path, new SixLabors.ImageSharp.Formats.Png.PngEncoder { CompressionLevel = SixLabors.ImageSharp.Formats.Png.PngCompressionLevel.BestSpeed });
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetSegment.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlNetSegment.sln not found.");
    }
}
