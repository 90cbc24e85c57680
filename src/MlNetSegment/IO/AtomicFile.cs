namespace MlNetSegment.IO;

/// <summary>
/// Writes a file so that it either appears complete or not at all: the content goes to a hidden temporary file in
/// the target folder, is flushed to disk, then renamed over the target. A crash or kill at any moment leaves no
/// truncated output (at worst a stray temporary file whose name starts with <see cref="TempPrefix"/>).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Prefix of temporary files.</summary>
    public const string TempPrefix = ".mlnetsegment-";

    // Temporary files being written now, so that a process made to exit while a write is stuck can remove them.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);

    /// <summary>
    /// Deletes the temporary files of writes still under way, and returns how many: for a process that must exit
    /// before those writes can finish (a signal that the work did not answer in time).
    /// </summary>
    public static int DeleteLiveTempFiles()
    {
        var deleted = 0;
        foreach (string temp in Live.Keys)
        {
            TryDelete(temp);
            deleted++;
        }

        return deleted;
    }

    /// <summary>
    /// Why an existing <paramref name="path"/> may not be replaced by an output even with overwriting asked for (it
    /// is a device, a FIFO or a socket, itself or behind a link), or null.
    /// </summary>
    public static string? NotAFileToReplace(string path) =>
        File.Exists(path) && RegularFile.WhyNotRegular(path) is { } why
            ? why + "; outputs replace only regular files"
            : null;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{path}: already exists, and overwriting it was not asked for");
        }

        // Overwriting replaces a file, never a device or a FIFO: -o /dev/null --force run as root replaced the null
        // device with a regular file (probe round 9, finding 1).
        if (NotAFileToReplace(full) is { } why)
        {
            throw new IOException($"{path}: {why}");
        }

        string temp = Path.Combine(folder, TempName(Path.GetFileName(full)));
        Live[temp] = 0;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite);
        }
        catch (IOException ex)
        {
            TryDelete(temp);

            // The user named the output, not our temporary file.
            throw new IOException($"{path}: {IoErrors.Describe(ex).Replace(temp, path, StringComparison.Ordinal)}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            Live.TryRemove(temp, out _);
        }
    }

    /// <summary>
    /// The hidden temporary name for <paramref name="fileName"/>: prefix, as much of the name as fits, a random tag.
    /// File names are limited to 255 bytes, so a long but legal output name is shortened here rather than failing.
    /// </summary>
    internal static string TempName(string fileName)
    {
        const int MaxBytes = 255;
        string tag = "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        int room = MaxBytes - System.Text.Encoding.UTF8.GetByteCount(TempPrefix + tag);
        string kept = fileName;
        while (System.Text.Encoding.UTF8.GetByteCount(kept) > room)
        {
            kept = kept[..^1];
            if (kept.Length > 0 && char.IsHighSurrogate(kept[^1]))
            {
                kept = kept[..^1];
            }
        }

        return TempPrefix + kept + tag;
    }

    /// <summary>Throws a clear <see cref="IOException"/> unless files can be created in <paramref name="folder"/>.</summary>
    public static void EnsureWritableFolder(string folder)
    {
        string full = Path.GetFullPath(string.IsNullOrEmpty(folder) ? "." : folder);
        if (!Directory.Exists(full))
        {
            throw new IOException($"{folder}: output folder does not exist");
        }

        string probe = Path.Combine(full, TempPrefix + "probe-" + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder}: output folder is not writable ({IoErrors.Describe(ex)})", ex);
        }
    }

    /// <summary>
    /// Deletes temporary files that a killed run left in <paramref name="folder"/> and below, and returns how many.
    /// Only names this class makes are touched; two runs must not write into one folder at the same time.
    /// </summary>
    public static int DeleteStaleTempFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (string file in Directory.EnumerateFiles(folder, TempPrefix + "*.tmp", SearchOption.AllDirectories))
        {
            TryDelete(file);
            deleted++;
        }

        return deleted;
    }

    /// <summary>
    /// Deletes temporary files that a killed run left for the files <paramref name="targets"/> (beside each of them),
    /// and returns how many; other temporary files are left alone. A shard of a batch cleans up this way, while the
    /// other shards write live temporary files into the same folders.
    /// </summary>
    public static int DeleteStaleTempFilesOf(IEnumerable<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var deleted = 0;
        foreach (var folder in targets.GroupBy(t => Path.GetDirectoryName(Path.GetFullPath(t)) ?? ".", StringComparer.Ordinal))
        {
            if (!Directory.Exists(folder.Key))
            {
                continue;
            }

            var names = new HashSet<string>(folder.Select(Path.GetFileName).OfType<string>(), StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(folder.Key, TempPrefix + "*.tmp"))
            {
                string name = Path.GetFileName(file);
                bool stale = name.StartsWith(TempPrefix + "probe-", StringComparison.Ordinal)
                    // A writability probe lives for microseconds: one a minute old was left by a killed run.
                    ? File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddMinutes(-1)
                    : TargetOf(name) is { } kept
                        && (names.Contains(kept) || (IsShortened(name) && names.Any(n => n.StartsWith(kept, StringComparison.Ordinal))));
                if (stale)
                {
                    TryDelete(file);
                    deleted++;
                }
            }
        }

        return deleted;
    }

    // The part of the target's name that TempName kept: between the prefix and the ".xxxxxxxx.tmp" tag.
    private static string? TargetOf(string tempName)
    {
        const int TagLength = 13;
        return tempName.Length > TempPrefix.Length + TagLength ? tempName[TempPrefix.Length..^TagLength] : null;
    }

    private static bool IsShortened(string tempName) => System.Text.Encoding.UTF8.GetByteCount(tempName) >= 252;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is what the user needs to see.
        }
    }
}
