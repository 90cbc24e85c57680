using MlNetSegment.IO;
using MlNetSegment.Output;

namespace MlNetSegment.Cli;

/// <summary>Checks planned output files before any work starts.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Refuses outputs that are an input (however spelled) or named twice — usage errors, checked first — then outputs
    /// that exist without --force, or whose folder is missing or not writable. Folders under
    /// <paramref name="createdFolder"/> need not exist yet: the writer creates them.
    /// </summary>
    public static void CheckAll(string input, bool force, IEnumerable<string?> outputs, string? createdFolder = null) =>
        CheckAll([input], force, outputs, createdFolder);

    /// <inheritdoc cref="CheckAll(string, bool, IEnumerable{string?}, string?)"/>
    public static void CheckAll(IEnumerable<string> inputs, bool force, IEnumerable<string?> outputs, string? createdFolder = null)
    {
        List<string> inputList = [.. inputs];
        List<string> outputList = [.. outputs.OfType<string>()];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string output in outputList)
        {
            RawArguments.CheckOutput(output);
            string full = Path.GetFullPath(output);
            if (inputList.Any(input => FileIdentity.AreSame(full, input)))
            {
                throw new UsageException($"{output}: the output would overwrite the input");
            }

            if (!seen.Add(full))
            {
                throw new UsageException($"{output}: named for two different outputs");
            }
        }

        string? created = createdFolder is null ? null : Path.GetFullPath(createdFolder);
        foreach (string output in outputList)
        {
            string full = Path.GetFullPath(output);
            if (Directory.Exists(full))
            {
                // --force replaces files, never folders: found here rather than after the other outputs are written.
                throw new IOException($"{output}: is a folder, not a file");
            }

            if (AtomicFile.NotAFileToReplace(full) is { } why)
            {
                throw new IOException($"{output}: {why}");
            }

            if (!force && File.Exists(full))
            {
                throw new IOException($"{output}: output exists (use --force to overwrite)");
            }

            string folder = Path.GetDirectoryName(full) ?? ".";
            if (created is null || !string.Equals(folder, created, StringComparison.Ordinal))
            {
                AtomicFile.EnsureWritableFolder(folder);
            }
        }

        // A run killed before (SIGKILL, power loss) left temporary files beside these outputs; a rerun removes them,
        // as apply does in its output folder (probe C32).
        AtomicFile.DeleteStaleTempFilesOf(outputList);
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

        if (!force && Directory.Exists(folder) && Directory.EnumerateFiles(folder, OutputPlan.MaskPattern).Any())
        {
            throw new IOException($"{folder}: holds cluster masks already (use --force to overwrite)");
        }

        string full = Path.GetFullPath(folder);
        AtomicFile.EnsureWritableFolder(Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? ".");
    }

    /// <summary>
    /// The nearest folder above <paramref name="path"/> that is a regular file ("-o notes.txt/out"), or null: creating
    /// the folder would fail with the runtime's "Could not find a part of the path" (probe round 7), so callers refuse
    /// it first, naming the file.
    /// </summary>
    public static string? FileAbove(string path)
    {
        for (string? parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return parent;
            }

            if (Directory.Exists(parent))
            {
                return null;
            }
        }

        return null;
    }
}
