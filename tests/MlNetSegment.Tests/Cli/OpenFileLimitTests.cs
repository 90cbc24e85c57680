using System.Diagnostics;
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

    private static CliRunner.Result UnderLimit(TempDirectory dir, int openFiles, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n {openFiles} && exec dotnet exec \"$0\" \"$@\"");
        info.ArgumentList.Add(CliRunner.CliDll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the run did not finish");
        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
