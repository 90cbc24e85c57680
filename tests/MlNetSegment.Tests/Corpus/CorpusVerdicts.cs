using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;

namespace MlNetSegment.Tests.Corpus;

/// <summary>
/// Runs one corpus file through the real CLI (<c>segment FILE -k 4 -o out.png --labels out.labels.png</c>) in a fresh
/// folder and checks its manifest verdict, the 60 s time limit, the 2 GB memory limit and that no trace or partial
/// output is left behind.
/// </summary>
public static class CorpusVerdicts
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    public const long MemoryLimit = 2L << 30;

    public static MeasuredCliRun.Result Check(string file)
    {
        CorpusManifest.Entry entry = CorpusManifest.Get(file);
        string input = CorpusManifest.PathOf(file);
        using var dir = new TempDirectory();

        MeasuredCliRun.Result run = MeasuredCliRun.Run(dir.Path, TimeLimit, "segment", input, "-k", "4", "-o", "out.png", "--labels", "out.labels.png");

        Assert.False(run.TimedOut, $"{file}: no verdict within {TimeLimit.TotalSeconds} s");
        Assert.True(run.PeakBytes < MemoryLimit, $"{file}: peak memory {run.PeakBytes >> 20} MB");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.StdErr, StringComparison.Ordinal);
        string[] outputs = Directory.GetFileSystemEntries(dir.Path).Select(p => Path.GetFileName(p)!).Order().ToArray();

        switch (entry.Verdict)
        {
            case "ok":
                Assert.True(run.ExitCode == 0, $"{file}: expected success, got exit {run.ExitCode}: {run.StdErr}");
                AssertSucceeded(entry, dir, run, outputs);
                break;
            case "error":
                Assert.True(run.ExitCode == 1, $"{file}: expected exit 1, got {run.ExitCode}: {run.StdErr}");
                AssertFailedCleanly(entry, input, run, outputs);
                Assert.Contains(entry.Expect, run.StdErr, StringComparison.Ordinal);
                break;
            case "either":
                Assert.True(run.ExitCode is 0 or 1, $"{file}: expected exit 0 or 1, got {run.ExitCode}: {run.StdErr}");
                if (run.ExitCode == 0)
                {
                    AssertSucceeded(entry, dir, run, outputs);
                }
                else
                {
                    AssertFailedCleanly(entry, input, run, outputs);
                }

                break;
            default:
                Assert.Fail($"{file}: unknown verdict '{entry.Verdict}'");
                break;
        }

        return run;
    }

    private static void AssertSucceeded(CorpusManifest.Entry entry, TempDirectory dir, MeasuredCliRun.Result run, string[] outputs)
    {
        Assert.Equal(["out.labels.png", "out.png"], outputs);
        Assert.All(run.ErrorLines, line => Assert.StartsWith("note: ", line, StringComparison.Ordinal));
        if (entry.Expect.Length > 0)
        {
            IImageInfo info = Image.Identify(dir.File("out.png"));
            Assert.Equal(entry.Expect, $"{info.Width}x{info.Height}");
        }
    }

    private static void AssertFailedCleanly(CorpusManifest.Entry entry, string input, MeasuredCliRun.Result run, string[] outputs)
    {
        Assert.True(run.ErrorLines.Length == 1, $"{entry.File}: expected one stderr line, got: {run.StdErr}");
        Assert.StartsWith("error: " + input + ": ", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(outputs);
        Assert.Equal(string.Empty, run.StdOut);
    }
}
