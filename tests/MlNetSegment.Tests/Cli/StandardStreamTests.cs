using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Probe round 9, findings 2 and 4: standard output on a full disk or closed stopped an apply batch after its first
/// image with "AggregateException: …", and an unwritable standard error aborted the process (exit 134).
/// </summary>
public class StandardStreamTests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void A_batch_with_its_output_on_a_full_disk_does_every_image_and_then_says_stdout_failed()
    {
        using var dir = new TempDirectory();
        foreach (string name in new[] { "coffee.png", "chelsea.png", "astronaut.png" })
        {
            File.Copy(TestImages.Sample(name), dir.File(name));
        }

        var run = Shell(dir, "> /dev/full", "apply", Model, "coffee.png", "chelsea.png", "astronaut.png", "-o", "out", "--jobs", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: standard output could not be written (no space left on device)", Assert.Single(run.ErrorLines));
        Assert.Equal(["astronaut.segmented.png", "chelsea.segmented.png", "coffee.segmented.png"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_closed_standard_output_is_one_line_and_exit_code_1()
    {
        using var dir = new TempDirectory();

        var run = Shell(dir, ">&-", "inspect", Model);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: standard output could not be written (it is closed or not writable)", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Summarize_json_on_a_full_disk_is_the_same_one_line()
    {
        // Probe round 10: summarize --json wrote through its own stream and printed "error: No space left on device".
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("m.jsonl"), """{"input":"a.png","status":"ok","outputs":["out/a.segmented.png"],"error":null}""" + "\n");

        var run = Shell(dir, "> /dev/full", "summarize", "m.jsonl", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: standard output could not be written (no space left on device)", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("2> /dev/full")]
    [InlineData("2>&-")]
    public void An_unwritable_standard_error_still_ends_with_exit_code_1_not_an_abort(string redirect)
    {
        using var dir = new TempDirectory();

        var run = Shell(dir, redirect, "segment", "missing.png", "-o", "out.png");

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(dir.File("out.png")));
    }

    // The CLI with one of its standard streams redirected; the other two are captured.
    private static CliRunner.Result Shell(TempDirectory dir, string redirect, params string[] args) =>
        CliRunner.Shell(dir.Path, string.Join(' ', args.Select(a => $"'{a}'")) + " " + redirect);
}
