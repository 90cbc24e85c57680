using MlNetSegment.IO;

namespace MlNetSegment.Cli;

/// <summary>Checks planned output files before any work starts.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Refuses outputs that equal the input or each other (usage errors), that exist without --force, or whose folder
    /// is missing or not writable.
    /// </summary>
    public static void CheckAll(string input, bool force, params string?[] outputs) => CheckAll([input], force, outputs);

    /// <inheritdoc cref="CheckAll(string, bool, string?[])"/>
    public static void CheckAll(IEnumerable<string> inputs, bool force, params string?[] outputs)
    {
        var inputFulls = inputs.Select(Path.GetFullPath).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? output in outputs)
        {
            if (output is null)
            {
                continue;
            }

            string full = Path.GetFullPath(output);
            if (inputFulls.Any(inputFull => string.Equals(full, inputFull, StringComparison.Ordinal) || SameFile(full, inputFull)))
            {
                throw new UsageException($"{output}: the output would overwrite the input");
            }

            if (!seen.Add(full))
            {
                throw new UsageException($"{output}: named for two different outputs");
            }

            if (!force && File.Exists(full))
            {
                throw new IOException($"{output}: output exists (use --force to overwrite)");
            }

            AtomicFile.EnsureWritableFolder(Path.GetDirectoryName(full) ?? ".");
        }
    }

    /// <summary>Refuses a mask folder that already holds cluster masks, unless --force.</summary>
    public static void CheckMaskFolder(string? folder, bool force)
    {
        if (folder is null)
        {
            return;
        }

        if (File.Exists(folder))
        {
            throw new UsageException($"{folder}: --masks needs a folder, and this is a file");
        }

        if (!force && Directory.Exists(folder) && Directory.EnumerateFiles(folder, "cluster-*.png").Any())
        {
            throw new IOException($"{folder}: holds cluster masks already (use --force to overwrite)");
        }

        string full = Path.GetFullPath(folder);
        AtomicFile.EnsureWritableFolder(Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? ".");
    }

    // Catches the same file reached through a symbolic link.
    private static bool SameFile(string a, string b)
    {
        try
        {
            return File.Exists(a) && File.Exists(b)
                && string.Equals(ResolveLink(a), ResolveLink(b), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string ResolveLink(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
}
