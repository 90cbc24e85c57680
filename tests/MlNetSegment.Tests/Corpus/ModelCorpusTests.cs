using MlNetSegment.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetSegment.Tests.Corpus;

/// <summary>
/// The broken and odd model files of <c>Corpus/models</c> (made by its <c>generate.py</c>) through the real CLI:
/// <c>inspect FILE</c> and <c>apply FILE data/coffee.png -o out</c>, each checked against the manifest's verdict.
/// </summary>
public class ModelCorpusTests(ITestOutputHelper output)
{
    public static string Folder { get; } = Path.Combine(CorpusManifest.Folder, "models");

    public static TheoryData<string, string, string> Files
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            string[] lines = File.ReadAllLines(Path.Combine(Folder, "manifest.tsv"));
            Assert.Equal("file\tverdict\texpect\tnote", lines[0]);
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                // Split on every tab: the expect column is empty for ok files.
                string[] parts = line.Split('\t');
                Assert.True(parts.Length == 4, "manifest line with other than 4 columns: " + line);
                data.Add(parts[0], parts[1], parts[2]);
            }

            return data;
        }
    }

    [Fact]
    public void The_corpus_has_the_cases_the_issue_lists()
    {
        Assert.True(Files.Count >= 15, $"only {Files.Count} model files");
        Assert.Equal(Directory.GetFiles(Path.Combine(Folder, "files")).Length, Files.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Inspect_gives_the_manifest_verdict(string file, string verdict, string expect)
    {
        string model = Path.Combine(Folder, "files", file);
        using var dir = new TempDirectory();

        CliRunner.Result run = CliRunner.Run(dir.Path, TimeSpan.FromSeconds(60), "inspect", model);

        output.WriteLine($"{file}: exit {run.ExitCode} {run.StdErr}");
        AssertVerdict(file, verdict, expect, model, run);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Apply_gives_the_manifest_verdict_and_writes_nothing_on_error(string file, string verdict, string expect)
    {
        string model = Path.Combine(Folder, "files", file);
        using var dir = new TempDirectory();

        CliRunner.Result run = CliRunner.Run(dir.Path, TimeSpan.FromSeconds(60), "apply", model, TestImages.Sample("coffee.png"), "-o", "out");

        output.WriteLine($"{file}: exit {run.ExitCode} {run.StdErr}");
        AssertVerdict(file, verdict, expect, model, run);
        string outDir = dir.File("out");
        if (verdict == "ok")
        {
            Assert.True(File.Exists(Path.Combine(outDir, "coffee.segmented.png")), $"{file}: no output");
        }
        else
        {
            Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0, $"{file}: left output behind");
        }
    }

    private static void AssertVerdict(string file, string verdict, string expect, string model, CliRunner.Result run)
    {
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.StdErr, StringComparison.Ordinal);
        if (verdict == "ok")
        {
            Assert.True(run.ExitCode == 0, $"{file}: expected success, got exit {run.ExitCode}: {run.StdErr}");
            return;
        }

        Assert.Equal("error", verdict);
        Assert.True(run.ExitCode != 0, $"{file}: expected an error, got exit 0");
        Assert.True(run.ErrorLines.Length == 1, $"{file}: expected one stderr line, got: {run.StdErr}");
        Assert.StartsWith("error: " + model + ": ", run.StdErr, StringComparison.Ordinal);
        Assert.Contains(expect, run.StdErr, StringComparison.Ordinal);
    }
}
