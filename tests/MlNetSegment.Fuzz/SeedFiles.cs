namespace MlNetSegment.Fuzz;

/// <summary>The fuzzer's starting points: every corpus file whose verdict is "ok", plus the small sample photos.</summary>
public static class SeedFiles
{
    // Big seeds make every input slow to decode without reaching code small ones do not.
    private const long MaxSeedBytes = 128 * 1024;

    /// <summary>Seed files under the repository that holds <paramref name="from"/> (default: this program's folder).</summary>
    public static IReadOnlyList<string> Find(string? from = null)
    {
        string root = RepoRoot(from ?? AppContext.BaseDirectory);
        string corpus = Path.Combine(root, "tests", "MlNetSegment.Tests", "Corpus");
        var files = new List<string>();
        foreach (string line in File.ReadLines(Path.Combine(corpus, "manifest.tsv")).Skip(1))
        {
            string[] parts = line.Split('\t');
            if (parts.Length >= 2 && parts[1] == "ok")
            {
                files.Add(Path.Combine(corpus, "files", parts[0]));
            }
        }

        files.AddRange(Directory.GetFiles(Path.Combine(root, "data")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        return files.Where(f => new FileInfo(f).Length <= MaxSeedBytes).ToList();
    }

    /// <summary>The repository root: the nearest folder above <paramref name="from"/> holding MlNetSegment.sln.</summary>
    internal static string RepoRoot(string from)
    {
        var dir = new DirectoryInfo(from);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetSegment.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MlNetSegment.sln not found above " + from);
    }
}
