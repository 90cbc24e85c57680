using System.Diagnostics;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>
/// Runs the real CLI like <see cref="CliRunner"/>, also measuring its wall time and peak memory, and killing it at a
/// time limit instead of throwing, so a hang is one failed case.
/// </summary>
/// <remarks>
/// Peak memory is the kernel's high-water mark of the process's resident set (<c>VmHWM</c> in
/// <c>/proc/PID/status</c>), read every 10 ms while it runs. Being a high-water mark, any sample holds the peak so far,
/// so only growth in the last few milliseconds before exit can be missed. <c>dotnet exec</c> runs the CLI in the
/// <c>dotnet</c> process itself, so that process is the one measured. Off Linux the peak is reported as 0.
/// </remarks>
public static class MeasuredCliRun
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed, long PeakBytes, bool TimedOut)
    {
        public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] args) => Run(workingDirectory, timeout, null, args);

    public static Result Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using Process process = CliRunner.Start(workingDirectory, environment, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var timedOut = false;
        while (!process.WaitForExit(10))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                timedOut = true;
                break;
            }
        }

        process.WaitForExit();
        TimeSpan elapsed = clock.Elapsed;
        return new Result(timedOut ? -1 : process.ExitCode, stdout.Result, stderr.Result, elapsed, peak, timedOut);
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim()) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
