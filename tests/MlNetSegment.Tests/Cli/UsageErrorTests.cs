using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Usage errors name the argument at fault and say what it takes, instead of Spectre's "Failed to convert ... to
/// Nullable`1" or "Short option does not have a valid name" (probe F10).
/// </summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "segment", "-rf.png" }, "'-rf.png' is not an option of segment; a file whose name starts with '-' goes after '--'")]
    [InlineData(new[] { "segment", "a.png", "--sample-pixels", "2147483648" }, "--sample-pixels: '2147483648' is not a whole number")]
    [InlineData(new[] { "segment", "a.png", "--sample-pixels=abc" }, "--sample-pixels: 'abc' is not a whole number")]
    [InlineData(new[] { "segment", "a.png", "--seed", "9223372036854775807" }, "--seed: '9223372036854775807' is not a whole number")]
    [InlineData(new[] { "segment", "a.png", "--max-pixels", "1e3" }, "--max-pixels: '1e3' is not a whole number")]
    [InlineData(new[] { "segment", "a.png", "--tolerance", "abc" }, "--tolerance: 'abc' is not a number")]
    [InlineData(new[] { "segment", "a.png", "--seed" }, "--seed needs a value (N)")]
    [InlineData(new[] { "segment", "a.png", "-o" }, "-o needs a value (PATH)")]
    [InlineData(new[] { "apply", "m.zip", "a.png", "-o" }, "-o needs a value (OUTDIR)")]
    [InlineData(new[] { "segment", "a.png", "-k", "-o", "r.png" }, "-k needs a value (K)")]
    [InlineData(new[] { "segment", "a.png", "--seed", "-o", "r.png" }, "--seed needs a value (N)")]
    [InlineData(new[] { "segment", "a.png", "--sample-pixels", "--force", "-o", "r.png" }, "--sample-pixels needs a value (N)")]
    [InlineData(new[] { "elbow", "a.png", "--k", "--json" }, "-k needs a value (RANGE)")]
    public void A_bad_or_missing_option_value_is_a_usage_error_that_names_the_option(string[] args, string expected)
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run(dir.Path, args);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", line, StringComparison.Ordinal);
        Assert.DoesNotContain("__default_command", line, StringComparison.Ordinal);
    }

    // Probe round 9, finding 7: the second --inputs-from replaced the first, and its inputs were never done (exit 0).
    // Finding 8: -o "" read "error: : unsupported output format", and --jobs 0 was accepted for one image while apply
    // refused it.
    [Theory]
    [InlineData(new[] { "apply", "m.zip", "--inputs-from", "a.txt", "--inputs-from", "b.txt", "-o", "out" }, "error: --inputs-from is given twice; it takes one value, and only the last would count")]
    [InlineData(new[] { "segment", "a.png", "-o", "a1.png", "--output=a2.png" }, "error: -o and --output are the same option, given twice; it takes one value, and only the last would count")]
    [InlineData(new[] { "segment", "a.png", "-k", "3", "-k", "4", "-o", "x.png" }, "error: -k is given twice; it takes one value, and only the last would count")]
    [InlineData(new[] { "segment", "a.png", "-o", "x.png", "--force", "--force" }, "error: --force is given twice; give it once")]
    [InlineData(new[] { "segment", "a.png", "-o", "" }, "error: -o was given an empty path")]
    [InlineData(new[] { "segment", "a.png", "-o", "x.png", "--report", "" }, "error: --report was given an empty path")]
    [InlineData(new[] { "segment", "a.png", "-o", "x.png", "--jobs", "0" }, "error: --jobs must be from 1 to 256")]
    public void A_repeated_option_an_empty_path_or_no_jobs_is_a_usage_error_before_any_work(string[] args, string expected)
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_option_with_an_optional_value_just_before_the_end_of_options_does_not_take_the_first_path()
    {
        // Probe round 10: "segment -o out --labels -- a.png b.png" gave --labels the value a.png (exit 2).
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("-b.png"));

        var run = CliRunner.Run(dir.Path, "segment", "-k", "3", "-o", "out", "--labels", "--", "a.png", "-b.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["-b.labels.png", "-b.segmented.png", "a.labels.png", "a.segmented.png"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_given_once_each_with_values_that_look_like_options_still_run()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));

        var run = CliRunner.Run(dir.Path, "segment", "coffee.png", "-k", "3", "--seed", "-5", "-o", "out.png", "--labels", "out.labels.png", "--report", "r.json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(dir.File("out.png")));
    }

    [Fact]
    public void An_optional_value_option_may_end_the_line()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));

        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

        var run = CliRunner.Run(dir.Path, "apply", model, "a.png", "-o", "out", "--report");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(dir.File(Path.Combine("out", "a.report.json"))));
    }
}
