using System.Diagnostics;
using System.Globalization;

namespace MlNetSegment.Cli;

/// <summary>
/// The <c>--verbose</c> timing line every verb prints on stderr:
/// <c>timing: start-up N ms, STAGE N ms, ..., total N ms</c>. Start-up runs from the process's start to the verb's
/// first line (runtime, argument parsing, checks); the total includes it.
/// </summary>
internal sealed class VerboseTiming
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Time)> _stages = [];
    private TimeSpan _last;

    /// <summary>Time since the verb started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Ends a stage: the time since the previous one ended (or the verb started).</summary>
    public void Stage(string name)
    {
        TimeSpan now = _clock.Elapsed;
        _stages.Add((name, now - _last));
        _last = now;
    }

    /// <summary>Records a stage timed elsewhere, without moving the start of the next one.</summary>
    public void Add(string name, TimeSpan time) => _stages.Add((name, time));

    /// <summary>Prints the line when <paramref name="verbose"/>.</summary>
    public void PrintIf(bool verbose)
    {
        if (!verbose)
        {
            return;
        }

        double total = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        double startUp = total - _clock.Elapsed.TotalMilliseconds;
        string stages = string.Concat(_stages.Select(s => string.Create(CultureInfo.InvariantCulture, $", {s.Stage} {s.Time.TotalMilliseconds:F0} ms")));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing: start-up {startUp:F0} ms{stages}, total {total:F0} ms"));
    }
}
