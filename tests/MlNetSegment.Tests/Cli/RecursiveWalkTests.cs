using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>--recursive walks visit each file once, never loop through symbolic links, and skip the output folder.</summary>
public class RecursiveWalkTests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void Symlink_loops_and_self_links_do_not_repeat_or_hang_a_recursive_apply()
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        string sub = Directory.CreateDirectory(Path.Combine(photos, "sub")).FullName;
        File.Copy(TestImages.Sample("coffee.png"), Path.Combine(photos, "a.png"));
        File.Copy(TestImages.Sample("chelsea.png"), Path.Combine(sub, "b.png"));
        Directory.CreateSymbolicLink(Path.Combine(photos, "self"), photos);
        Directory.CreateSymbolicLink(Path.Combine(sub, "up"), photos);
        File.CreateSymbolicLink(Path.Combine(photos, "a-again.png"), Path.Combine(photos, "a.png"));

        var result = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), "apply", Model, photos, "--recursive", "-o", "out");

        Assert.False(result.TimedOut, "the walk did not end");
        Assert.Equal(0, result.ExitCode);
        string[] outputs = [.. Directory.GetFiles(dir.File("out"), "*.png", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir.File("out"), p)).Order()];
        // a.png and the link to it are one file: it is segmented once, under the first name in ordinal order.
        Assert.Equal(["a-again.segmented.png", Path.Combine("sub", "b.segmented.png")], outputs);
    }

    [Fact]
    public void An_output_folder_inside_the_input_folder_can_be_rerun()
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        File.Copy(TestImages.Sample("coffee.png"), Path.Combine(photos, "a.png"));
        string output = Path.Combine(photos, "out");

        var first = CliRunner.Run(dir.Path, "apply", Model, photos, "--recursive", "-o", output);
        var second = CliRunner.Run(dir.Path, "apply", Model, photos, "--recursive", "-o", output);

        Assert.Equal(0, first.ExitCode);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(["a.segmented.png"], Directory.GetFiles(output).Select(Path.GetFileName));
    }
}
