using System.Runtime.InteropServices;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>Sends a POSIX signal to a process straight through libc.</summary>
/// <remarks>
/// Why not start the kill program: on a loaded machine starting a process took long enough that a batch the test
/// meant to interrupt had finished (exit 0 instead of 130), and the test then failed for the wrong reason.
/// </remarks>
internal static class Signals
{
    /// <summary>Sends signal <paramref name="name"/> ("INT", "TERM", …) to <paramref name="processId"/>.</summary>
    public static void Send(int processId, string name)
    {
        int number = name switch
        {
            "INT" => 2,
            "TERM" => 15,
            "KILL" => 9,
            "HUP" => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "a signal this helper does not know"),
        };
        if (Kill(processId, number) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIG{name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
