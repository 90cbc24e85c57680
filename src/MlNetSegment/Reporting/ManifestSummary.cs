namespace MlNetSegment.Reporting;

/// <summary>
/// Totals over the manifests of a batch (one per shard): how many inputs were done, kept or failed, which failed and
/// why, and which were named by more than one entry (shards that overlap, or runs of different batches mixed).
/// </summary>
internal sealed class ManifestSummary
{
    private ManifestSummary(int manifests, long ok, long skipped, IReadOnlyList<ManifestFailure> failures, IReadOnlyList<string> namedTwice)
    {
        Manifests = manifests;
        Ok = ok;
        Skipped = skipped;
        Failures = failures;
        NamedTwice = namedTwice;
    }

    /// <summary>Manifest files read.</summary>
    public int Manifests { get; }

    /// <summary>Entries of all manifests.</summary>
    public long Inputs => Ok + Skipped + Failures.Count;

    /// <summary>Entries whose outputs were written.</summary>
    public long Ok { get; }

    /// <summary>Entries whose outputs existed already.</summary>
    public long Skipped { get; }

    /// <summary>Entries that failed, in the order read.</summary>
    public IReadOnlyList<ManifestFailure> Failures { get; }

    /// <summary>Inputs named by more than one entry, each once, in the order first repeated.</summary>
    public IReadOnlyList<string> NamedTwice { get; }

    /// <summary>
    /// Reads the manifests <paramref name="paths"/> name: files, whatever their names, and folders, whose
    /// <c>*.jsonl</c> files (top level, in ordinal order) are read.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is no manifest (the message names it and the line).</exception>
    /// <exception cref="IOException">A path does not exist or cannot be read.</exception>
    public static ManifestSummary Of(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.jsonl").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new IOException($"{path}: no such manifest or folder");
            }
        }

        long ok = 0;
        long skipped = 0;
        var failures = new List<ManifestFailure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var twice = new HashSet<string>(StringComparer.Ordinal);
        var namedTwice = new List<string>();
        foreach (string file in files)
        {
            foreach (ManifestEntry entry in RunManifest.Read(file))
            {
                switch (entry.Status)
                {
                    case ManifestStatus.Ok:
                        ok++;
                        break;
                    case ManifestStatus.Skipped:
                        skipped++;
                        break;
                    default:
                        failures.Add(new ManifestFailure(entry.Input, entry.Error, file));
                        break;
                }

                if (!seen.Add(entry.Input) && twice.Add(entry.Input))
                {
                    namedTwice.Add(entry.Input);
                }
            }
        }

        return new ManifestSummary(files.Count, ok, skipped, failures, namedTwice);
    }
}
