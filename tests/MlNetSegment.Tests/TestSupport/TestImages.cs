using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>Synthetic and bundled images for tests.</summary>
public static class TestImages
{
    /// <summary>The repository root (the folder holding MlNetSegment.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A bundled sample photo from data/.</summary>
    public static string Sample(string name) => Path.Combine(RepoRoot, "data", name);

    /// <summary>
    /// An image of vertical stripes, one flat colour each, <paramref name="stripeWidth"/> pixels wide.
    /// </summary>
    public static Image<Rgba32> Stripes(IReadOnlyList<Rgba32> colors, int stripeWidth = 8, int height = 16)
    {
        var image = new Image<Rgba32>(colors.Count * stripeWidth, height);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = colors[x / stripeWidth];
                }
            }
        });
        return image;
    }

    /// <summary>
    /// Six saturated colours far apart in every colour space. Saturated on purpose: the hue of near-greys is unstable
    /// under noise, which is HSV's nature, and pure red straddles hsv-linear's hue seam (0°/360°); neither is what block tests are about.
    /// </summary>
    public static Rgba32[] DistinctColors { get; } =
    [
        new(220, 110, 30), new(30, 190, 40), new(40, 50, 210),
        new(230, 220, 40), new(200, 40, 200), new(40, 200, 210),
    ];

    /// <summary>A noisy multi-region image: flat blocks plus seeded noise of ±<paramref name="noise"/> levels.</summary>
    public static Image<Rgba32> NoisyBlocks(IReadOnlyList<Rgba32> colors, int blockSize, int noise, int seed)
    {
        var random = new Random(seed);
        var image = new Image<Rgba32>(colors.Count * blockSize, blockSize);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    Rgba32 c = colors[x / blockSize];
                    row[x] = new Rgba32(Jitter(c.R), Jitter(c.G), Jitter(c.B), 255);
                }
            }
        });
        return image;

        byte Jitter(byte v) => (byte)Math.Clamp(v + random.Next(-noise, noise + 1), 0, 255);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetSegment.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlNetSegment.sln not found above " + AppContext.BaseDirectory);
    }
}
