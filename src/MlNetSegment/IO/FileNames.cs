namespace MlNetSegment.IO;

/// <summary>
/// File names .NET cannot open. On Linux a name is any bytes; .NET decodes it as UTF-8 and puts U+FFFD (�) in place
/// of each byte that is not, so the name it holds (from a directory listing or the command line) is no longer the
/// file's, and opening it fails with "could not find file" although the file is there.
/// </summary>
internal static class FileNames
{
    /// <summary>What stands for a byte that is not UTF-8.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// Why <paramref name="path"/> cannot be opened because a name in it was not valid UTF-8, or null. A name that
    /// really holds U+FFFD (valid UTF-8) exists as spelled and is not reported.
    /// </summary>
    public static string? NotUtf8(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Contains(Replacement, StringComparison.Ordinal) || Path.Exists(path))
        {
            return null;
        }

        // A walk reports a folder it cannot enter as the folder's path with a separator at the end.
        string name = Path.GetFileName(path);
        return name.Contains(Replacement, StringComparison.Ordinal)
            ? $"its name is not valid UTF-8, shown with {Replacement} for each bad byte; .NET cannot open such a name, rename it"
            : $"a folder name in its path is not valid UTF-8, shown with {Replacement} for each bad byte; .NET cannot open such a name, rename the folder";
    }

    /// <summary>Longest path, in UTF-8 bytes, that Linux opens (PATH_MAX is 4,096 with the terminating NUL).</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>
    /// Longest folder path, in UTF-8 bytes, that a walk enters: every name in it (up to 255 bytes) can still be looked
    /// at. Deeper, .NET fails on the first entry whose path is over <see cref="MaxPathBytes"/> and the walk would end.
    /// </summary>
    public const int MaxWalkedFolderBytes = MaxPathBytes - 256;

    /// <summary>
    /// Why <paramref name="path"/> cannot be opened because it is too long, or null: a file over
    /// <see cref="MaxPathBytes"/>, or a folder (a path ending in a separator, as a walk lists it) over
    /// <see cref="MaxWalkedFolderBytes"/>.
    /// </summary>
    public static string? TooLong(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFullPath(path));
        bool folder = Path.EndsInDirectorySeparator(path);
        return bytes <= (folder ? MaxWalkedFolderBytes : MaxPathBytes)
            ? null
            : folder
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a folder whose path is {bytes:N0} bytes long, too deep to walk (the names in it would pass the system's limit of {MaxPathBytes:N0} bytes); move it higher up")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"its path is {bytes:N0} bytes long, more than the {MaxPathBytes:N0} the system can open; move it higher up");
    }

    /// <summary>
    /// <paramref name="path"/> shortened for a one-line message when it is very long: its start and its end, which
    /// name the file, with the middle left out.
    /// </summary>
    public static string Shortened(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const int Keep = 120;
        return path.Length <= 2 * Keep ? path : string.Concat(path.AsSpan(0, Keep), "…", path.AsSpan(path.Length - Keep));
    }
}
