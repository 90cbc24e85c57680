using MlNetSegment.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetSegment.Tests.Corpus;

/// <summary>
/// The broken and odd sample files of <c>Corpus/samples</c> (made by its <c>generate.py</c>) through the real CLI,
/// <c>train --from-samples FILE</c>, each checked against the manifest's verdict.
/// </summary>
public class SampleCorpusTests(ITestOutputHelper output)
{
    public static string Folder { get; } = Path.Combine(CorpusManifest.Folder, "samples");

    public static TheoryData<string, string, string> Files
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            string[] lines = File.ReadAllLines(Path.Combine(Folder, "manifest.tsv"));
            Assert.Equal("file\tverdict\texpect\tnote", lines[0]);
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                string[] parts = line.Split('\t');
                Assert.True(parts.Length == 4, "manifest line with other than 4 columns: " + line);
                data.Add(parts[0], parts[1], parts[2]);
            }

            return data;
        }
    }

    [Fact]
    public void Every_file_has_a_verdict()
    {
        Assert.True(Files.Count >= 30, $"only {Files.Count} sample files");
        Assert.Equal(Directory.GetFiles(Path.Combine(Folder, "files")).Length, Files.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Train_from_the_sample_gives_the_manifest_verdict(string file, string verdict, string expect)
    {
        string part = Path.Combine(Folder, "files", file);
        using var dir = new TempDirectory();

        CliRunner.Result run = CliRunner.Run(dir.Path, TimeSpan.FromSeconds(60), "train", "--from-samples", part, "-k", "2", "-o", "m.zip", "--sample-pixels", "1000");

        output.WriteLine($"{file}: exit {run.ExitCode} {run.StdErr}");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        if (verdict == "ok")
        {
            Assert.True(run.ExitCode == 0, $"{file}: expected success, got exit {run.ExitCode}: {run.StdErr}");
            Assert.True(File.Exists(dir.File("m.zip")));
            return;
        }

        Assert.Equal("error", verdict);
        Assert.True(run.ExitCode == 1, $"{file}: expected exit 1, got {run.ExitCode}");
        Assert.True(run.ErrorLines.Length == 1, $"{file}: expected one stderr line, got: {run.StdErr}");
        Assert.StartsWith("error: " + part + ": ", run.StdErr, StringComparison.Ordinal);
        Assert.Contains(expect, run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.zip")));
    }
}
