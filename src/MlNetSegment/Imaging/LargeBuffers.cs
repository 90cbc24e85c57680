using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetSegment.Imaging;

/// <summary>
/// Allocates the few big per-image buffers (decoded pixels, labels, the colour-label table) so that Linux backs them
/// with 2 MB pages.
/// </summary>
/// <remarks>
/// Why: a fresh process touches every page of these buffers once, and each 4 KB page costs a page fault. On this
/// project's 2-core VM the 35 MB pixel buffer of an 8.7 MP PNG took 8,700 faults, and decoding into it took
/// 120–165 ms against 28–33 ms with huge pages (transparent huge pages are commonly in "madvise" mode, so they must
/// be asked for). The arrays are pinned, so the advice stays with them; it is only a hint, and where it is not
/// available (other systems, a kernel without THP) nothing changes.
/// </remarks>
internal static class LargeBuffers
{
    private const long HugePage = 2L << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, the same value on every Linux architecture

    // Pinned arrays live on the pinned object heap, which only a full collection frees. A batch that decodes image
    // after image would otherwise keep every disposed image's pixels until the GC happens to run: three 100 MP images
    // held 1.29 GB where one needs 0.5, and evaluate kept every 100 MP annotation. So after this much has been
    // allocated here, a big allocation collects first (a full collection of this small heap takes milliseconds).
    private const long CollectAfterBytes = 256L << 20;
    private const long BigAllocationBytes = 64L << 20;

    private static bool s_unavailable = !OperatingSystem.IsLinux();
    private static long s_allocatedSinceCollect;

    /// <summary>
    /// A pinned array of <paramref name="length"/> elements whose contents are undefined: the caller must write every
    /// element before reading it.
    /// </summary>
    public static T[] AllocateUninitialized<T>(int length)
        where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (bytes >= BigAllocationBytes && Interlocked.Add(ref s_allocatedSinceCollect, bytes) - bytes >= CollectAfterBytes)
        {
            Interlocked.Exchange(ref s_allocatedSinceCollect, bytes);
            GC.Collect();
        }

        T[] array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        if (!s_unavailable && bytes >= 2 * HugePage)
        {
            AdviseHugePages(Marshal.UnsafeAddrOfPinnedArrayElement(array, 0), bytes);
        }

        return array;
    }

    // Only whole 2 MB pages inside the array are advised, so the advice never reaches memory the array does not own.
    private static void AdviseHugePages(nint start, long bytes)
    {
        long first = (start + HugePage - 1) & ~(HugePage - 1);
        long end = (start + bytes) & ~(HugePage - 1);
        if (end <= first)
        {
            return;
        }

        try
        {
            _ = Madvise(checked((nint)first), checked((nuint)(end - first)), MadviseHugePage);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true; // musl and other libcs: no advice, same results
        }
    }

    [DllImport("libc.so.6", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
