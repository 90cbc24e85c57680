using Microsoft.Extensions.FileSystemGlobbing;

namespace MlNetSegment.IO;

/// <summary>Turns command-line inputs (files, directories, glob patterns such as <c>photos/**/*.jpg</c>) into image files.</summary>
internal static class InputExpander
{
    /// <summary>Extensions picked up when walking a directory (files named explicitly may have any name).</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    /// <summary>
    /// Expands <paramref name="inputs"/> in order, without duplicates. Directories give their image files (all levels
    /// with <paramref name="recursive"/>, else the top level), sorted by ordinal path so runs are reproducible. A file
    /// named explicitly is kept even if it does not exist, so that it is reported like any unreadable input.
    /// </summary>
    /// <param name="inputs">What the user typed.</param>
    /// <param name="recursive">Walk directories to all depths.</param>
    /// <param name="unmatched">Patterns and directories that gave no file.</param>
    /// <param name="excludedFolder">
    /// A folder left out of directory walks, with everything below it: the output folder, so that a run whose outputs
    /// land inside an input folder never takes them for inputs on a re-run.
    /// </param>
    /// <remarks>
    /// Walks visit each file once, by (device, inode) where the system can tell, and do not descend into symbolically
    /// linked directories: a link loop would never end, and a link to an ancestor would repeat the tree. Links to
    /// files, and a linked directory named on the command line itself, are followed.
    /// A name that was not UTF-8 (see <see cref="FileNames"/>) is listed to fail as an input: a file as itself, even
    /// if another such name reads the same, and in a recursive walk a folder as its path with a separator at the end.
    /// </remarks>
    public static IReadOnlyList<InputFile> Expand(
        IEnumerable<string> inputs, bool recursive, out IReadOnlyList<string> unmatched, string? excludedFolder = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var files = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenIdentities = new HashSet<(ulong, ulong)>();
        string? excluded = excludedFolder is null ? null : System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(excludedFolder));
        var empty = new List<string>();
        foreach (string input in inputs)
        {
            int before = files.Count;
            if (Directory.Exists(input))
            {
                foreach (string file in Walk(input, recursive, excluded).Order(StringComparer.Ordinal))
                {
                    Add(file, System.IO.Path.GetRelativePath(input, file));
                }
            }
            else if (IsPattern(input))
            {
                var (root, pattern) = SplitPattern(input);
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude(pattern);
                if (Directory.Exists(root))
                {
                    foreach (string file in matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal))
                    {
                        Add(System.IO.Path.Combine(root, System.IO.Path.GetRelativePath(root, file)), System.IO.Path.GetRelativePath(root, file));
                    }
                }
            }
            else
            {
                Add(input, System.IO.Path.GetFileName(input));
            }

            if (files.Count == before && (Directory.Exists(input) || IsPattern(input)))
            {
                empty.Add(input);
            }
        }

        unmatched = empty;
        return files;

        void Add(string path, string relative)
        {
            // Names that were not UTF-8 are kept, each to fail as itself: two of them can read the same here.
            bool notUtf8 = FileNames.NotUtf8(path) is not null;
            if ((seen.Add(System.IO.Path.GetFullPath(path)) || notUtf8) && (FileIdentity.Of(path) is not { } id || seenIdentities.Add(id)))
            {
                string stem = System.IO.Path.Combine(
                    System.IO.Path.GetDirectoryName(relative) ?? string.Empty,
                    System.IO.Path.GetFileNameWithoutExtension(relative));
                files.Add(new InputFile(path, stem));
            }
        }
    }

    // The image files below a directory, as paths that start with the directory as given.
    private static IEnumerable<string> Walk(string directory, bool recursive, string? excluded)
    {
        using var walker = new Walker(directory, recursive, excluded);
        while (walker.MoveNext())
        {
            yield return walker.Current;
        }
    }

    private sealed class Walker(string directory, bool recursive, string? excluded)
        : System.IO.Enumeration.FileSystemEnumerator<string>(directory, new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = 0, MatchType = MatchType.Win32 })
    {
        protected override string TransformEntry(ref System.IO.Enumeration.FileSystemEntry entry) =>
            entry.IsDirectory ? entry.ToSpecifiedFullPath() + System.IO.Path.DirectorySeparatorChar : entry.ToSpecifiedFullPath();

        protected override bool ShouldIncludeEntry(ref System.IO.Enumeration.FileSystemEntry entry) =>
            (entry.IsDirectory
                ? recursive && (IsUnopenable(ref entry) || IsTooLong(ref entry))
                : ImageExtensions.Contains(System.IO.Path.GetExtension(entry.FileName).ToString().ToLowerInvariant()))
            && (excluded is null || !IsUnder(entry.ToFullPath(), excluded));

        protected override bool ShouldRecurseIntoEntry(ref System.IO.Enumeration.FileSystemEntry entry) =>
            (entry.Attributes & FileAttributes.ReparsePoint) == 0
            && !IsTooLong(ref entry)
            && (excluded is null || !string.Equals(entry.ToFullPath(), excluded, StringComparison.Ordinal));

        // A folder that cannot be opened after all (removed meanwhile, its path too long) must not end the whole walk
        // with an exception (probe C19): the walk goes on without it.
        protected override bool ContinueOnError(int error) => true;
    }

    // A folder whose name is not UTF-8 cannot be entered (the enumeration skips it without a word), so it is listed
    // itself, with a separator at the end, to fail as an input: its images are not silently left out.
    private static bool IsUnopenable(ref System.IO.Enumeration.FileSystemEntry entry) =>
        entry.FileName.Contains(FileNames.Replacement) && FileNames.NotUtf8(entry.ToFullPath()) is not null;

    // A folder whose path is longer than the system opens would end the whole walk with an exception (probe C19), so
    // it is not entered but listed, like the folders above, to fail as an input of its own.
    private static bool IsTooLong(ref System.IO.Enumeration.FileSystemEntry entry) =>
        System.Text.Encoding.UTF8.GetByteCount(entry.ToFullPath()) + 1 > FileNames.MaxWalkedFolderBytes;

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>True when <paramref name="input"/> contains glob characters.</summary>
    public static bool IsPattern(string input) => input.AsSpan().IndexOfAny("*?[") >= 0;

    // "photos/2024/**/*.jpg" → root "photos/2024", pattern "**/*.jpg".
    private static (string Root, string Pattern) SplitPattern(string input)
    {
        string normalized = input.Replace('\\', '/');
        string[] parts = normalized.Split('/');
        int firstWild = Array.FindIndex(parts, IsPattern);
        string root = string.Join('/', parts[..firstWild]);
        string pattern = string.Join('/', parts[firstWild..]);
        if (root.Length == 0)
        {
            root = normalized.StartsWith('/') ? "/" : ".";
        }

        return (root, pattern);
    }
}
