namespace MlNetSegment.Fuzz;

/// <summary>The outcome of a fuzz run.</summary>
/// <param name="Inputs">Inputs tried.</param>
/// <param name="Loaded">Inputs that decoded (and were then segmented).</param>
/// <param name="Crashes">Inputs that threw anything but <see cref="Imaging.ImageLoadException"/>.</param>
/// <param name="Hangs">Inputs that did not finish within the input timeout.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Findings">One line per failure: kind, input index, mutations, exception.</param>
public sealed record FuzzReport(int Inputs, int Loaded, int Crashes, int Hangs, TimeSpan Elapsed, IReadOnlyList<string> Findings)
{
    /// <summary>Crashes plus hangs.</summary>
    public int Failures => Crashes + Hangs;

    /// <summary>The summary line the script and CI print.</summary>
    public override string ToString() =>
        $"fuzz: {Inputs} inputs, {Failures} failures ({Crashes} crashes, {Hangs} hangs), {Elapsed.TotalSeconds:F1} s ({Loaded} decoded)";
}
