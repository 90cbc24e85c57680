using System.Text.RegularExpressions;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary><c>--verbose</c> prints one timing line on stderr in every verb that promises it.</summary>
public partial class VerboseTimingTests
{
    [Fact]
    public void Train_apply_and_elbow_print_their_stages_and_total_with_verbose_and_nothing_without()
    {
        using var dir = new TempDirectory();
        string coffee = TestImages.Sample("coffee.png");

        var train = CliRunner.Run(dir.Path, "train", coffee, "-k", "3", "-o", "m.zip", "--verbose");
        var apply = CliRunner.Run(dir.Path, "apply", "m.zip", coffee, "-o", "out", "--verbose");
        var elbow = CliRunner.Run(dir.Path, "elbow", coffee, "--k", "2..4", "--json", "--verbose");
        var quiet = CliRunner.Run(dir.Path, "elbow", coffee, "--k", "2..4", "--json");

        AssertTiming(train, "decode, sample and fit (1 image(s))", "save");
        AssertTiming(apply, "load model", "images (1)");
        AssertTiming(elbow, "decode", "fit K = 2..4");
        Assert.DoesNotContain("timing:", quiet.StdErr, StringComparison.Ordinal);
    }

    private static void AssertTiming(CliRunner.Result run, params string[] stages)
    {
        Assert.Equal(0, run.ExitCode);
        string line = Assert.Single(run.ErrorLines, l => l.StartsWith("timing:", StringComparison.Ordinal));
        Assert.Matches(Timing(), line);
        foreach (string stage in stages)
        {
            Assert.Contains($", {stage} ", line, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^timing: start-up \d+ ms, .+ \d+ ms, total \d+ ms$")]
    private static partial Regex Timing();
}
