namespace MlNetSegment.IO;

/// <summary>
/// The inputs of one batch run: what the command line names (files, directories, glob patterns) followed by the lines
/// of an input list.
/// </summary>
internal sealed class InputSelection
{
    private InputSelection(
        IReadOnlyList<InputFile> files, IReadOnlyList<InputFile> named, IReadOnlyList<string> unmatched, long listedPaths, long leftOutInOutputFolder)
    {
        Files = files;
        Named = named;
        Unmatched = unmatched;
        ListedPaths = listedPaths;
        LeftOutInOutputFolder = leftOutInOutputFolder;
    }

    /// <summary>The inputs of the shard asked for, command-line ones first, each once.</summary>
    public IReadOnlyList<InputFile> Files { get; }

    /// <summary>
    /// Every input the command line gives, of every shard: few enough to keep, and what an output of this shard must
    /// never overwrite (listed files inside the output folder are left out, so they cannot be).
    /// </summary>
    public IReadOnlyList<InputFile> Named { get; }

    /// <summary>Patterns and directories of the command line that gave no file.</summary>
    public IReadOnlyList<string> Unmatched { get; }

    /// <summary>Non-blank lines read from the list.</summary>
    public long ListedPaths { get; }

    /// <summary>Listed paths left out because they lie inside the output folder (outputs are never inputs).</summary>
    public long LeftOutInOutputFolder { get; }

    /// <summary>
    /// Expands <paramref name="commandLine"/> as <see cref="InputExpander.Expand"/> does, then appends the paths that
    /// <paramref name="list"/> reads (see <see cref="InputList"/>).
    /// </summary>
    /// <param name="commandLine">Files, directories and patterns as typed.</param>
    /// <param name="list">The input list, or null.</param>
    /// <param name="listName">The list's name for messages.</param>
    /// <param name="recursive">Walk the command line's directories to all depths.</param>
    /// <param name="excludedFolder">The output folder: left out of walks, and listed paths inside it are left out.</param>
    /// <param name="shard">The part of the inputs to keep (<see cref="Shard.Contains"/> of each output stem); all by default.</param>
    /// <remarks>
    /// Listed paths are taken literally and checked for duplicates by full path only, in a hash set: no file is
    /// touched while the list is read, so a list of millions of lines costs one pass. A listed path already named by
    /// the command line, or earlier in the list, is left out; two different paths to one file (links) stay two inputs.
    /// Each listed path's output stem comes from <see cref="InputList.StemOf"/>, a function of its full path, so the
    /// duplicates of a path fall in its shard, and each shard keeps a set of its own paths only.
    /// </remarks>
    public static InputSelection Gather(
        IEnumerable<string> commandLine, TextReader? list, string? listName, bool recursive, string? excludedFolder = null, Shard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        Shard part = shard ?? Shard.All;
        IReadOnlyList<InputFile> named = InputExpander.Expand(commandLine, recursive, out IReadOnlyList<string> unmatched, excludedFolder);
        List<InputFile> files = part.IsAll ? [.. named] : [.. named.Where(f => part.Contains(f.RelativeStem))];
        if (list is null)
        {
            return new InputSelection(files, named, unmatched, 0, 0);
        }

        string currentFolder = Directory.GetCurrentDirectory();
        string? excluded = excludedFolder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(excludedFolder, currentFolder));
        string excludedPrefix = excluded + Path.DirectorySeparatorChar;
        var seen = new HashSet<string>(named.Select(f => Path.GetFullPath(f.Path, currentFolder)), StringComparer.Ordinal);
        long listed = 0;
        long leftOut = 0;
        foreach (string path in InputList.ReadPaths(list, listName ?? "input list"))
        {
            listed++;
            string full = Path.GetFullPath(path, currentFolder);
            if (excluded is not null && (full.StartsWith(excludedPrefix, StringComparison.Ordinal) || full == excluded))
            {
                leftOut++;
                continue;
            }

            string stem = InputList.StemOf(full, currentFolder);
            if (part.Contains(stem) && seen.Add(full))
            {
                files.Add(new InputFile(path, stem));
            }
        }

        return new InputSelection(files, named, unmatched, listed, leftOut);
    }
}
