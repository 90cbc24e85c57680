using System.Runtime.InteropServices;

namespace MlNetSegment.Cli;

/// <summary>
/// Refuses to start work under an open-file limit too low for the process itself: the runtime keeps a descriptor
/// open for every assembly it loads (ML.NET, ImageSharp, SkiaSharp, Spectre.Console and the framework's: about 100).
/// </summary>
/// <remarks>
/// Probe round 10, finding 1: with <c>ulimit -n</c> at 40–64 a run aborted (exit 134) when the runtime could not load
/// an assembly or start a thread; at 100–110 <c>apply</c> exited 1 without a word (the error line itself needed an
/// assembly); at 120 a good model was called damaged. From 128 every verb runs, and a batch that then runs out fails
/// image by image with one clear line ("out/a7.labels.png: too many open files": 1 of 12 images with masks and labels
/// at 128, none at 140). The runtime already raises the soft limit to the hard one, so what is read here is all there
/// is; Linux's usual limit is 1,024 and more.
/// </remarks>
internal static class OpenFileLimit
{
    /// <summary>Fewest open files below which a run fails without a clear word (measured above).</summary>
    public const ulong Needed = 128;

    private const int ResourceOpenFiles = 7; // RLIMIT_NOFILE on Linux, every architecture .NET runs on

    /// <summary>Why this process cannot run a verb, or null (also where the limit cannot be read).</summary>
    public static string? Problem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var limit = default(ResourceLimit);
            return GetResourceLimit(ResourceOpenFiles, ref limit) == 0 && limit.Current < Needed
                ? $"the open-file limit (ulimit -n) is {limit.Current}, and mlnetsegment needs at least {Needed}"
                : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "getrlimit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetResourceLimit(int resource, ref ResourceLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
