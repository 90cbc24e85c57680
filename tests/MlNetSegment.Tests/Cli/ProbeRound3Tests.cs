using System.Diagnostics;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Findings of the third fresh hostile-input probe (issue 12), each through the real CLI.</summary>
public class ProbeRound3Tests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void A_folder_too_deep_to_walk_fails_as_one_input_and_the_rest_of_the_batch_runs()
    {
        // C19: a chain of folders past the system's 4,096-byte path limit ended the whole --recursive walk with an
        // exception, before any image was read. Made with relative mkdir, as only that reaches past the limit.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("in"));
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("in/top.png"));
        using (Process mkdir = Process.Start(new ProcessStartInfo("bash", ["-c", "cd in && for i in $(seq 1 520); do mkdir dddddddd && cd dddddddd || exit 1; done"]) { WorkingDirectory = dir.Path })!)
        {
            mkdir.WaitForExit();
        }

        CliRunner.Result run;
        try
        {
            run = CliRunner.Run(dir.Path, "apply", Model, "in", "--recursive", "-o", "out", "--manifest", "m.jsonl");
        }
        finally
        {
            // .NET cannot delete what it cannot walk; rm works with relative handles.
            using Process rm = Process.Start(new ProcessStartInfo("rm", ["-rf", "in/dddddddd"]) { WorkingDirectory = dir.Path })!;
            rm.WaitForExit();
        }

        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(dir.File("out/top.segmented.png")));
        string error = Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("too deep to walk", error, StringComparison.Ordinal);
        Assert.True(error.Length < 600, "the error line holds the whole path");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(dir.File("m.jsonl")).Length);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    public void Summarize_names_the_file_and_line_of_a_lone_surrogate_escape(string escape)
    {
        // C18: GetString threw InvalidOperationException, printed without file or line.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sur.jsonl"), "{\"input\":\"a" + escape + "b.png\",\"status\":\"ok\",\"outputs\":[],\"error\":null}\n");

        var run = CliRunner.Run(dir.Path, "summarize", "sur.jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: sur.jsonl: line 1: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_removes_temporary_files_a_killed_run_left_beside_its_outputs()
    {
        // C32: apply cleaned its output folder on a rerun; single-image segment did not.
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));
        Directory.CreateDirectory(dir.File("o"));
        string staleOutput = dir.File("o/" + AtomicFile.TempPrefix + "seg.png.7d409341.tmp");
        string staleProbe = dir.File("o/" + AtomicFile.TempPrefix + "probe-c8621cf5.tmp");
        string otherRun = dir.File("o/" + AtomicFile.TempPrefix + "unrelated.png.11b6bb29.tmp");
        foreach (string stale in new[] { staleOutput, staleProbe, otherRun })
        {
            File.WriteAllText(stale, "left by a killed run");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        }

        var run = CliRunner.Run(dir.Path, "segment", "a.png", "-k", "4", "-o", "o/seg.png");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(staleOutput));
        Assert.False(File.Exists(staleProbe));
        Assert.True(File.Exists(otherRun), "a temporary file of another output was removed");
    }

    [Fact]
    public void Apply_refuses_an_output_folder_that_is_a_file_and_a_manifest_that_is_a_folder_before_creating_anything()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));
        File.WriteAllText(dir.File("afile"), "x");
        Directory.CreateDirectory(dir.File("mdir"));

        var file = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "afile");
        var manifest = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "newout", "--manifest", "mdir");

        Assert.Equal(2, file.ExitCode);
        Assert.Equal("error: afile: -o names the output folder, and this is a file", Assert.Single(file.ErrorLines));
        Assert.Equal(2, manifest.ExitCode);
        Assert.Equal("error: mdir: --manifest needs a file name, and this is a folder", Assert.Single(manifest.ErrorLines));
        Assert.False(Directory.Exists(dir.File("newout")));
    }
}
