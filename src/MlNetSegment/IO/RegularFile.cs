using System.Runtime.InteropServices;
using System.Text;

namespace MlNetSegment.IO;

/// <summary>
/// Tells a regular file from a FIFO, a device, a socket or a directory before it is opened. Opening a FIFO for
/// reading blocks until a writer appears, and a device such as <c>/dev/zero</c> never ends, so neither may reach a
/// decoder. .NET exposes no file type (a FIFO's <see cref="FileSystemInfo.Attributes"/> is just <c>Normal</c>), so on
/// Linux this asks the kernel through <c>statx</c>, whose buffer layout, unlike <c>struct stat</c>'s, is the same on
/// every architecture.
/// </summary>
internal static class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;

    // struct statx: u32 stx_mask, u32 stx_blksize, u64 stx_attributes, u32 stx_nlink, u32 stx_uid, u32 stx_gid, u16 stx_mode.
    private const int ModeOffset = 28;
    private const int StatxSize = 256;

    private static bool unavailable;

    /// <summary>
    /// Why <paramref name="path"/> (after following symbolic links) is not a regular file, or null when it is one,
    /// does not exist (opening it reports that) or its type cannot be known on this system.
    /// </summary>
    public static string? WhyNotRegular(string path)
    {
        if (!OperatingSystem.IsLinux() || unavailable)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        byte[] pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        try
        {
            if (Statx(AtFdCwd, pathBytes, 0, StatxType, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (or one older than 2.28): FileStream's own checks still refuse directories.
            unavailable = true;
            return null;
        }

        int type = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return type switch
        {
            0x8000 => null,
            0x4000 => "it is a directory",
            0x1000 => "it is a FIFO (named pipe), not a regular file",
            0x2000 => "it is a character device, not a regular file",
            0x6000 => "it is a block device, not a regular file",
            0xC000 => "it is a socket, not a regular file",
            _ => "not a regular file",
        };
    }

    private const uint StatxIno = 0x100;
    private const int InoOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    /// <summary>
    /// The (device, inode) pair that identifies the file <paramref name="path"/> names after following every symbolic
    /// link, in any component; null when it does not exist or this system cannot tell.
    /// </summary>
    public static (ulong Device, ulong Inode)? Identity(string path)
    {
        if (!OperatingSystem.IsLinux() || unavailable)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, Encoding.UTF8.GetBytes(path + "\0"), 0, StatxIno, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }

        ulong device = ((ulong)BitConverter.ToUInt32(buffer, DevMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DevMinorOffset);
        return (device, BitConverter.ToUInt64(buffer, InoOffset));
    }

    [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);
}
