using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Corpus;

/// <summary>The hostile-image corpus: <c>manifest.tsv</c> read at test time, so regenerating it needs no code change.</summary>
public static class CorpusManifest
{
    public sealed record Entry(string File, string Verdict, string Expect, string Note);

    public static string Folder { get; } = Path.Combine(TestImages.RepoRoot, "tests", "MlNetSegment.Tests", "Corpus");

    public static IReadOnlyList<Entry> Entries { get; } = Read();

    public static string PathOf(string file) => Path.Combine(Folder, "files", file);

    public static Entry Get(string file) => Entries.Single(e => e.File == file);

    /// <summary>Every <paramref name="count"/>-th file from <paramref name="shard"/>: classes run in parallel, theories do not.</summary>
    public static TheoryData<string> Shard(int shard, int count)
    {
        var data = new TheoryData<string>();
        for (int i = shard; i < Entries.Count; i += count)
        {
            data.Add(Entries[i].File);
        }

        return data;
    }

    private static List<Entry> Read()
    {
        var entries = new List<Entry>();
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "manifest.tsv"));
        Assert.Equal("file\tverdict\texpect\tnote", lines[0]);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            // Split on every tab: the expect column is often empty.
            string[] parts = line.Split('\t');
            Assert.True(parts.Length == 4, "manifest line with other than 4 columns: " + line);
            entries.Add(new Entry(parts[0], parts[1], parts[2], parts[3]));
        }

        return entries;
    }
}
