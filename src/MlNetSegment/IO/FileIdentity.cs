using MlNetSegment.Imaging;

namespace MlNetSegment.IO;

/// <summary>Whether two paths name the same file, however they are spelled (symbolic links, "..", hard links).</summary>
public static class FileIdentity
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

        var (idA, idB) = (RegularFile.Identity(a), RegularFile.Identity(b));
        return idA is not null && idA == idB;
    }
}
