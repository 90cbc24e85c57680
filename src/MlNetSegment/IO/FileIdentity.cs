
namespace MlNetSegment.IO;

/// <summary>Whether two paths name the same file, however they are spelled (symbolic links, "..", hard links).</summary>
internal static class FileIdentity
{
    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same path, or both exist and are the same file
    /// (same device and inode, on Linux). Outputs are checked with it so that no spelling of an input is overwritten.
    /// </summary>
    public static bool AreSame(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal))
        {
            return true;
        }

        (ulong, ulong)? idA = Of(a);
        return idA is not null && idA == Of(b);
    }

    /// <summary>
    /// The (device, inode) identity of the file <paramref name="path"/> names, after every symbolic link; null when it
    /// does not exist or this system cannot tell (then only path comparison is possible).
    /// </summary>
    public static (ulong Device, ulong Inode)? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return RegularFile.Identity(path);
    }
}
