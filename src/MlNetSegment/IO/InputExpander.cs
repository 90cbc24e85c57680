using Microsoft.Extensions.FileSystemGlobbing;

namespace MlNetSegment.IO;

/// <summary>Turns command-line inputs (files, directories, glob patterns such as <c>photos/**/*.jpg</c>) into image files.</summary>
public static class InputExpander
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
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> inputs, bool recursive, out IReadOnlyList<string> unmatched)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var files = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var empty = new List<string>();
        foreach (string input in inputs)
        {
            int before = files.Count;
            if (Directory.Exists(input))
            {
                var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                foreach (string file in Directory.EnumerateFiles(input, "*", option)
                    .Where(f => ImageExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal))
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
            if (seen.Add(System.IO.Path.GetFullPath(path)))
            {
                string stem = System.IO.Path.Combine(
                    System.IO.Path.GetDirectoryName(relative) ?? string.Empty,
                    System.IO.Path.GetFileNameWithoutExtension(relative));
                files.Add(new InputFile(path, stem));
            }
        }
    }

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
