using Spectre.Console;

namespace MlNetSegment.Cli;

/// <summary>
/// Progress of a batch: a live bar with ETA on a terminal, plain "[i/N] ..." lines when output is redirected, so logs
/// and scripts get readable text.
/// </summary>
internal sealed class BatchProgress
{
    private readonly int _total;
    private readonly object _gate = new();
    private int _done;
    private ProgressTask? _task;
    private bool _silent;

    private string _description = string.Empty;

    private BatchProgress(int total) => _total = total;

    /// <summary>True when stdout is an interactive terminal.</summary>
    public static bool IsInteractive => !CliOutput.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, giving it a callback to call once per finished item with a status line.</summary>
    public static T Run<T>(string description, int total, Func<BatchProgress, T> work)
    {
        var progress = new BatchProgress(total);
        if (!IsInteractive || total == 0)
        {
            return work(progress);
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                progress._description = description;
                progress._task = context.AddTask(progress.Describe(null), maxValue: total);
                return work(progress);
            });
    }

    /// <summary>
    /// As <see cref="Run{T}"/>, but shows the bar only on a terminal and prints nothing when redirected, for commands
    /// whose standard output is their result.
    /// </summary>
    public static T RunInteractiveOnly<T>(string description, int total, Func<BatchProgress, T> work) =>
        IsInteractive ? Run(description, total, work) : work(new BatchProgress(total) { _silent = true });

    /// <summary>Marks one step done, its description showing <paramref name="line"/>.</summary>
    public void Advance(string line)
    {
        lock (_gate)
        {
            _done++;
            if (_task is not null)
            {
                _task.Increment(1);
                _task.Description = Markup.Escape(line);
            }
        }
    }

    /// <summary>
    /// Shows what the batch does after its items (training's fit): the bar stays full, its text says
    /// <paramref name="phase"/> and the elapsed time keeps counting. Nothing is printed when redirected.
    /// </summary>
    public void Phase(string phase)
    {
        lock (_gate)
        {
            if (_task is not null)
            {
                _task.Description = Markup.Escape(phase);
            }
        }
    }

    // "Segmenting 12/300 · photos/a.jpg": the count and the latest item, its path shortened to fit a terminal line.
    private string Describe(string? latest)
    {
        string text = $"{_description} {_done}/{_total}";
        if (latest is not null)
        {
            string item = latest.Split(" -> ")[0].Split(": ")[0];
            text += " · " + (item.Length > 40 ? "…" + item[^39..] : item);
        }

        return Markup.Escape(text);
    }

    /// <summary>Marks one item done; <paramref name="line"/> is shown above the bar or printed as a plain line.</summary>
    public void ItemDone(string line, bool isError = false)
    {
        lock (_gate)
        {
            _done++;
            if (_task is not null)
            {
                _task.Increment(1);
                _task.Description = Describe(line);
                if (isError)
                {
                    AnsiConsole.MarkupLine("[red]error:[/] " + Markup.Escape(line));
                }
            }
            else if (isError)
            {
                Console.Error.WriteLine("error: " + line);
            }
            else if (!_silent && !CliOutput.Quiet)
            {
                Console.WriteLine($"[{_done}/{_total}] {line}");
            }
        }
    }
}
