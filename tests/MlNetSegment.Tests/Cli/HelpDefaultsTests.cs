using System.Text.Json;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Help shows every fit option's default, and showing it does not change which default a mode uses.</summary>
public class HelpDefaultsTests
{
    [Fact]
    public void Segment_help_shows_the_defaults_of_k_and_the_fit_options_with_their_regions_values()
    {
        using var dir = new TempDirectory();
        string help = CliRunner.Run(dir.Path, "segment", "--help").StdOut;
        string flat = string.Join(' ', help.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("--clusters <K> 10; 7 with --regions", flat, StringComparison.Ordinal);
        Assert.Contains("--sample-pixels <N> 16000; 50000 with", flat, StringComparison.Ordinal);
        Assert.Contains("--restarts <N> 6; 2 with --regions", flat, StringComparison.Ordinal);
        Assert.Contains("--max-iterations <N> 50; 100 with", flat, StringComparison.Ordinal);
        Assert.Contains("--tolerance <T> 1E-07", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shown_default_text_leaves_each_mode_its_own_default()
    {
        using var dir = new TempDirectory();
        string input = TestImages.Sample("coffee.png");

        var palette = CliRunner.Run(dir.Path, "segment", input, "-o", "p.png", "--report", "p.json");
        var regions = CliRunner.Run(dir.Path, "segment", input, "-o", "r.png", "--regions", "map.png", "--report", "r.json");
        var given = CliRunner.Run(dir.Path, "segment", input, "-o", "g.png", "-k", "5", "--sample-pixels", "5000", "--report", "g.json");

        Assert.True(palette.ExitCode == 0 && regions.ExitCode == 0 && given.ExitCode == 0, palette.StdErr + regions.StdErr + given.StdErr);
        Assert.Equal(10, K(dir.File("p.json")));
        Assert.Equal(7, K(dir.File("r.json")));
        Assert.Equal(5, K(dir.File("g.json")));
        var bad = CliRunner.Run(dir.Path, "segment", input, "-o", "b.png", "--restarts", "many");
        Assert.Equal(2, bad.ExitCode);
    }

    private static int K(string report)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        return json.RootElement.GetProperty("k").GetInt32();
    }
}
