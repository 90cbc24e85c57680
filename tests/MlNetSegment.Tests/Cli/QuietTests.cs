using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

/// <summary><c>--quiet</c>: errors only, on every verb.</summary>
public class QuietTests
{
    [Fact]
    public void Quiet_runs_print_nothing_but_their_errors()
    {
        using var dir = new TempDirectory();
        using (var flat = new Image<Rgba32>(8, 8, new Rgba32(10, 20, 30)))
        {
            flat.SaveAsPng(dir.File("flat.png")); // one colour: a note about K without --quiet
        }

        File.WriteAllText(dir.File("bad.png"), "not an image");

        var noisy = CliRunner.Run(dir.Path, "segment", "flat.png", "-o", "a.png");
        var segment = CliRunner.Run(dir.Path, "segment", "flat.png", "-o", "b.png", "--quiet");
        var train = CliRunner.Run(dir.Path, "train", TestImages.Sample("coffee.png"), "-k", "3", "-o", "m.zip", "--quiet");
        var apply = CliRunner.Run(dir.Path, "apply", "m.zip", "flat.png", "bad.png", "-o", "out", "--quiet");

        Assert.Contains("note:", noisy.StdErr, StringComparison.Ordinal);
        Assert.NotEmpty(noisy.StdOut);
        Assert.Equal((0, string.Empty, string.Empty), (segment.ExitCode, segment.StdOut, segment.StdErr));
        Assert.Equal((0, string.Empty, string.Empty), (train.ExitCode, train.StdOut, train.StdErr));
        Assert.Equal(1, apply.ExitCode);
        Assert.Empty(apply.StdOut);
        Assert.StartsWith("error: bad.png", Assert.Single(apply.ErrorLines), StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("out/flat.segmented.png")));
    }

    [Fact]
    public void An_input_that_matches_no_image_is_an_error_line_even_when_quiet()
    {
        // It made the run exit 1 with only a warning line, and with --quiet with no line at all (probe round 7, F8).
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("empty"));
        using (var flat = new Image<Rgba32>(8, 8, new Rgba32(10, 20, 30)))
        {
            flat.SaveAsPng(dir.File("flat.png"));
        }

        File.Copy(System.IO.Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip"), dir.File("m.zip"));

        foreach (string[] quiet in new[] { Array.Empty<string>(), ["--quiet"] })
        {
            var apply = CliRunner.Run(dir.Path, ["apply", "m.zip", "empty", "flat.png", "-o", "out", "--force", .. quiet]);

            Assert.Equal(1, apply.ExitCode);
            Assert.Equal("error: empty: no image files found", Assert.Single(apply.ErrorLines));
            Assert.True(File.Exists(dir.File("out/flat.segmented.png")));
        }
    }
}
