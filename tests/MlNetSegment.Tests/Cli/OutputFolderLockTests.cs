using System.Diagnostics;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class OutputFolderLockTests
{
    [Fact]
    public void A_second_apply_into_a_folder_in_use_is_refused_with_one_line_and_touches_nothing()
    {
        using var dir = new TempDirectory();
        string output = Directory.CreateDirectory(dir.File("out")).FullName;
        string stray = Path.Combine(output, AtomicFile.TempPrefix + "x.png.12345678.tmp");
        File.WriteAllText(stray, "a live temporary file of the other run");
        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

        CliRunner.Result second;
        using (OutputFolderLock.Acquire(output))
        {
            second = CliRunner.Run(dir.Path, "apply", model, TestImages.Sample("coffee.png"), "-o", output);
        }

        Assert.Equal(1, second.ExitCode);
        Assert.Single(second.ErrorLines);
        Assert.Contains("in use by another mlnetsegment run", second.StdErr, StringComparison.Ordinal);
        Assert.True(File.Exists(stray), "the other run's temporary file was deleted");
        Assert.False(File.Exists(Path.Combine(output, "coffee.segmented.png")));
    }

    [Fact]
    public void The_claim_ends_with_the_process_even_when_it_is_killed()
    {
        using var dir = new TempDirectory();
        string output = Directory.CreateDirectory(dir.File("out")).FullName;
        using (Process holder = Process.Start(new ProcessStartInfo("flock", ["-x", Path.Combine(output, OutputFolderLock.FileName), "sleep", "30"]))!)
        {
            Thread.Sleep(300);
            Assert.Throws<IOException>(() => OutputFolderLock.Acquire(output));
            holder.Kill(entireProcessTree: true); // flock hands the locked file to sleep
            holder.WaitForExit();
        }

        // The kernel drops the lock once the last process holding the file is gone; that may take a moment after Kill.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using OutputFolderLock claim = OutputFolderLock.Acquire(output);
                return;
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }
        }
    }
}
