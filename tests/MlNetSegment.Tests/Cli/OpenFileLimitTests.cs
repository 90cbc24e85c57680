using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Probe round 10, finding 1: under a low open-file limit a run aborted (exit 134), failed without a word, or called a
/// good model damaged. It now says what is wrong before it starts.
/// </summary>
public class OpenFileLimitTests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void Too_low_an_open_file_limit_is_one_line_before_any_work()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));

        var apply = UnderLimit(dir, 100, "apply", Model, "a.png", "-o", "out", "--masks");
        var version = UnderLimit(dir, 100, "--version");

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal("error: the open-file limit (ulimit -n) is 100, and mlnetsegment needs at least 128", Assert.Single(apply.ErrorLines));
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Equal(0, version.ExitCode);
    }

    [Fact]
    public void A_batch_runs_under_a_modest_limit()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("in"));
        for (var i = 0; i < 12; i++)
        {
            File.Copy(TestImages.Sample("coffee.png"), dir.File($"in/a{i}.png"));
        }

        var apply = UnderLimit(dir, 256, "apply", Model, "in", "-o", "out", "--masks", "--labels");

        Assert.Equal(0, apply.ExitCode);
        Assert.Equal(12 * 2, Directory.GetFiles(dir.File("out")).Length);
    }

    private static CliRunner.Result UnderLimit(TempDirectory dir, int openFiles, params string[] args) =>
        CliRunner.Shell(dir.Path, string.Join(' ', args.Select(a => $"'{a}'")), prefix: $"ulimit -n {openFiles} && ");
}
