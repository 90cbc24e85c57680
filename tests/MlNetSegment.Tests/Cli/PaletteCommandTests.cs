using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

/// <summary><c>palette</c>: fixed palettes from given colours or a swatch image, used by <c>apply</c> like any model.</summary>
public class PaletteCommandTests
{
    private static readonly string[] Brand = ["#e63946", "#f1faee", "#a8dadc", "#457b9d", "#1d3557"];

    [Fact]
    public void Palette_colors_then_apply_uses_only_the_given_colours()
    {
        using var dir = new TempDirectory();
        var made = CliRunner.Run(dir.Path, "palette", "--colors", string.Join(",", Brand), "-o", "brand.zip");
        Assert.True(made.ExitCode == 0, made.StdErr);

        var applied = CliRunner.Run(dir.Path, "apply", "brand.zip", TestImages.Sample("coffee.png"), TestImages.Sample("rocket.jpg"), "-o", "out");
        Assert.True(applied.ExitCode == 0, applied.StdErr);

        var expected = Brand.Select(h => Convert.ToInt32(h[1..], 16)).ToHashSet();
        foreach (string name in new[] { "coffee", "rocket" })
        {
            var used = ColoursOf(dir.File($"out/{name}.segmented.png"));
            Assert.Subset(expected, used);
            Assert.True(used.Count >= 3, $"{name}: only {used.Count} of the palette's colours used");
        }
    }

    [Fact]
    public void Dithered_output_uses_only_palette_colours_is_deterministic_and_leaves_the_labels_undithered()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "palette", "--colors", string.Join(",", Brand), "-o", "brand.zip").ExitCode);
        string input = TestImages.Sample("coffee.png");

        var first = CliRunner.Run(dir.Path, "apply", "brand.zip", input, "-o", "a", "--dither", "--labels");
        var second = CliRunner.Run(dir.Path, "apply", "brand.zip", input, "-o", "b", "--dither");
        var plain = CliRunner.Run(dir.Path, "apply", "brand.zip", input, "-o", "c", "--labels");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0 && plain.ExitCode == 0, first.StdErr + second.StdErr + plain.StdErr);

        byte[] dithered = File.ReadAllBytes(dir.File("a/coffee.segmented.png"));
        Assert.Equal(dithered, File.ReadAllBytes(dir.File("b/coffee.segmented.png")));
        Assert.NotEqual(dithered, File.ReadAllBytes(dir.File("c/coffee.segmented.png")));
        Assert.Subset(Brand.Select(h => Convert.ToInt32(h[1..], 16)).ToHashSet(), ColoursOf(dir.File("a/coffee.segmented.png")));
        Assert.Equal(File.ReadAllBytes(dir.File("c/coffee.labels.png")), File.ReadAllBytes(dir.File("a/coffee.labels.png")));

        var segment = CliRunner.Run(dir.Path, "segment", input, "-k", "4", "--dither", "-o", "s.png", "--palette", "p.png");
        Assert.True(segment.ExitCode == 0, segment.StdErr);
        Assert.Equal(4, ColoursOf(dir.File("s.png")).Count);
    }

    [Fact]
    public void Palette_from_image_takes_its_distinct_colours()
    {
        using var dir = new TempDirectory();
        using (var swatches = new Image<Rgba32>(30, 10))
        {
            swatches.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    Span<Rgba32> row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        row[x] = x < 10 ? new Rgba32(10, 20, 30) : x < 20 ? new Rgba32(200, 100, 50) : new Rgba32(250, 250, 250);
                    }
                }
            });
            swatches.SaveAsPng(dir.File("swatches.png"));
        }

        var made = CliRunner.Run(dir.Path, "palette", "--from-image", "swatches.png", "-o", "s.zip");
        Assert.True(made.ExitCode == 0, made.StdErr);
        string json = CliRunner.Run(dir.Path, "inspect", "s.zip", "--json").StdOut;
        foreach (string hex in new[] { "#0a141e", "#c86432", "#fafafa" })
        {
            Assert.Contains(hex, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("#zzz,#fff", "'#zzz' is not a colour")]
    [InlineData("#fff,#ffffff", "given twice")]
    [InlineData("#fff", "2 to 256 colours")]
    public void Bad_colour_lists_are_usage_errors_and_write_nothing(string colors, string message)
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run(dir.Path, "palette", "--colors", colors, "-o", "bad.zip");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_photo_is_refused_as_a_swatch_image()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run(dir.Path, "palette", "--from-image", TestImages.Sample("coffee.png"), "-o", "p.zip");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("at most 256", run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("p.zip")));
    }

    internal static HashSet<int> ColoursOf(string path)
    {
        using var image = Image.Load<Rgba32>(path);
        var colours = new HashSet<int>();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (Rgba32 p in rows.GetRowSpan(y))
                {
                    colours.Add((p.R << 16) | (p.G << 8) | p.B);
                }
            }
        });
        return colours;
    }
}
