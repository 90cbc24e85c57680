using System.Diagnostics;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>SIGTERM (what service managers, `timeout` and `kill` send) must stop a run as cleanly as Ctrl+C.</summary>
public class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_during_a_batch_stops_it_with_one_line_its_exit_code_and_no_temporary_files(string signal, int expected)
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        for (var i = 0; i < 400; i++)
        {
            File.Copy(TestImages.Sample("astronaut.png"), Path.Combine(photos, $"p{i:D3}.png"));
        }

        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");
        using Process process = CliRunner.Start(dir.Path, "apply", model, photos, "-o", "out", "--labels");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderrRead = process.StandardError.ReadToEndAsync();
        string outDir = dir.File("out");

        // Wait until the batch is writing, then signal.
        var clock = Stopwatch.StartNew();
        while ((!Directory.Exists(outDir) || Directory.GetFiles(outDir).Length < 3) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        using (Process kill = Process.Start("kill", $"-{signal} {process.Id}"))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(30_000), "the run did not stop within 30 s of the signal");
        string stderr = await stderrRead;
        _ = await stdout;
        Assert.Equal(expected, process.ExitCode);
        Assert.Contains("cancelled", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));
    }
}
