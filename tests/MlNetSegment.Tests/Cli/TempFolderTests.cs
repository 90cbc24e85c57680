using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// ML.NET unpacks and packs models in the temporary folder (TMPDIR). A missing or unusable one must give one line
/// naming the model and the folder, never ML.NET's own <c>ml_dotnet_*</c> names, and must not be created.
/// </summary>
public class TempFolderTests
{
    [Fact]
    public void A_missing_TMPDIR_is_named_and_not_created_when_a_model_is_read_or_written()
    {
        using var dir = new TempDirectory();
        var saved = CliRunner.Run(dir.Path, "segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "out.png", "--save-model", "model.zip");
        Assert.Equal(0, saved.ExitCode);
        string missing = dir.File("no-such-tmp");
        var environment = new Dictionary<string, string> { ["TMPDIR"] = missing };

        var inspect = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), environment, "inspect", "model.zip");
        var save = MeasuredCliRun.Run(
            dir.Path, TimeSpan.FromSeconds(60), environment, "segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "again.png", "--save-model", "again.zip");

        Assert.Equal(1, inspect.ExitCode);
        string line = Assert.Single(inspect.ErrorLines);
        Assert.StartsWith("error: model.zip: cannot unpack it: the temporary folder", line, StringComparison.Ordinal);
        Assert.Contains("TMPDIR", line, StringComparison.Ordinal);
        Assert.Equal(1, save.ExitCode);
        Assert.StartsWith("error: again.zip: cannot write the model: the temporary folder", Assert.Single(save.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("again.zip")));
        Assert.False(Directory.Exists(missing), "ML.NET created the missing TMPDIR");
        Assert.DoesNotContain("ml_dotnet", inspect.StdErr + save.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TMPDIR_that_is_a_file_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var saved = CliRunner.Run(dir.Path, "segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "out.png", "--save-model", "model.zip");
        Assert.Equal(0, saved.ExitCode);

        var inspect = MeasuredCliRun.Run(
            dir.Path, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["TMPDIR"] = dir.File("out.png") }, "inspect", "model.zip");

        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains("is not a folder", Assert.Single(inspect.ErrorLines), StringComparison.Ordinal);
    }

    [FullDiskFact]
    public void A_full_TMPDIR_is_named_and_nothing_is_left_in_it()
    {
        // Probe round 9, finding 3: ML.NET failed part-way naming its own temporary file, left its ml_dotnet_* folder,
        // and 2 runs in 20 of apply crashed (exit 134) when its half-written repository was finalised.
        using var dir = new TempDirectory();
        var saved = CliRunner.Run(dir.Path, "segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "out.png", "--save-model", "model.zip");
        Assert.Equal(0, saved.ExitCode);
        using var full = new FullDisk();
        var environment = new Dictionary<string, string> { ["TMPDIR"] = full.Path };

        var inspect = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), environment, "inspect", "model.zip");
        var apply = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), environment, "apply", "model.zip", TestImages.Sample("coffee.png"), "-o", "applied");
        var save = MeasuredCliRun.Run(
            dir.Path, TimeSpan.FromSeconds(60), environment, "segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "again.png", "--save-model", "again.zip");

        Assert.Equal(1, inspect.ExitCode);
        Assert.Matches(@"^error: model\.zip: cannot unpack it: the temporary folder .* \(TMPDIR\) is full \(\d+ KB free; ML\.NET needs about 1 MB\)$", Assert.Single(inspect.ErrorLines));
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("(TMPDIR) is full", Assert.Single(apply.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, save.ExitCode);
        Assert.StartsWith("error: again.zip: cannot write the model: the temporary folder", Assert.Single(save.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(["filler"], Directory.GetFileSystemEntries(full.Path).Select(Path.GetFileName));
    }
}
