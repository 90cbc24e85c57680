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
}
