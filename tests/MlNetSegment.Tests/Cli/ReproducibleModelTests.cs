using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Model files are reproducible: the same inputs give the same bytes, and a time only when asked for.</summary>
public class ReproducibleModelTests
{
    [Fact]
    public void Train_twice_on_the_same_inputs_gives_byte_identical_model_files()
    {
        using var dir = new TempDirectory();
        string[] inputs = [TestImages.Sample("coffee.png"), TestImages.Sample("chelsea.png")];

        var first = CliRunner.Run(dir.Path, ["train", .. inputs, "-k", "4", "-o", "first.zip"]);
        Thread.Sleep(2100); // past the 2-second resolution of zip entry times
        var second = CliRunner.Run(dir.Path, ["train", .. inputs, "-k", "4", "-o", "second.zip"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("first.zip")), File.ReadAllBytes(dir.File("second.zip")));
        Assert.DoesNotContain("createdUtc", CliRunner.Run(dir.Path, "inspect", "first.zip", "--json").StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_sets_the_model_time()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };

        var run = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(120), environment, "train", TestImages.Sample("coffee.png"), "-k", "3", "-o", "m.zip");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2023-11-14 22:13:20Z", CliRunner.Run(dir.Path, "inspect", "m.zip").StdOut, StringComparison.Ordinal);
    }
}
