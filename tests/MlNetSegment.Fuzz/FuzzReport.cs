namespace MlNetSegment.Fuzz;

/// <summary>The outcome of a fuzz run.</summary>
/// <param name="Inputs">Inputs tried.</param>
/// <param name="Loaded">Inputs that were accepted (decoded and segmented, or loaded and used to label).</param>
/// <param name="Crashes">Inputs that threw anything but the target's refusal (or allocated beyond the limit).</param>
/// <param name="Hangs">Inputs that did not finish within the input timeout.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Findings">One line per failure: target, kind, input index, mutations, exception.</param>
/// <param name="Target">The target's name ("image", "model", or "image+model" for a combined report).</param>
/// <param name="AcceptedWord">What an accepted input is called ("decoded", "loaded").</param>
public sealed record FuzzReport(
    int Inputs,
    int Loaded,
    int Crashes,
    int Hangs,
    TimeSpan Elapsed,
    IReadOnlyList<string> Findings,
    string Target = "image",
    string AcceptedWord = "decoded")
{
    /// <summary>Crashes plus hangs.</summary>
    public int Failures => Crashes + Hangs;

    /// <summary>The sum of several runs (the line <c>--target both</c> ends with).</summary>
    public static FuzzReport Combine(IReadOnlyList<FuzzReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return new FuzzReport(
            reports.Sum(r => r.Inputs),
            reports.Sum(r => r.Loaded),
            reports.Sum(r => r.Crashes),
            reports.Sum(r => r.Hangs),
            TimeSpan.FromTicks(reports.Sum(r => r.Elapsed.Ticks)),
            [.. reports.SelectMany(r => r.Findings)],
            string.Join('+', reports.Select(r => r.Target)),
            "accepted");
    }

    /// <summary>The summary line the script and CI print.</summary>
    public override string ToString() =>
        $"fuzz: {Inputs} inputs, {Failures} failures ({Crashes} crashes, {Hangs} hangs), {Elapsed.TotalSeconds:F1} s ({Loaded} {AcceptedWord}; target {Target})";
}
