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
}
