namespace MlNetSegment.Charts;

/// <summary>
/// Axis ranges and ticks on round values: steps of 1, 2, 2.5 or 5 times a power of ten, the range widened to whole
/// steps, so that a chart reads 0 / 500 / 1,000 rather than 0 / 635 / 1,270.
/// </summary>
internal readonly record struct NiceAxis(double Low, double High, double Step)
{
    /// <summary>The round axis that holds <paramref name="min"/>..<paramref name="max"/> in at most <paramref name="maxSteps"/> steps.</summary>
    public static NiceAxis For(double min, double max, int maxSteps = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return new NiceAxis(0, 1, 0.2);
        }

        if (max <= min)
        {
            max = min + (min == 0 ? 1 : Math.Abs(min) * 0.1);
        }

        double raw = (max - min) / maxSteps;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = power * 10;
        foreach (double factor in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (power * factor >= raw)
            {
                step = power * factor;
                break;
            }
        }

        // Rounded so that 0.1 + 0.2 style error never shows as 0.30000000000000004 in a label.
        double low = Math.Round(Math.Floor(min / step) * step, 12);
        double high = Math.Round(Math.Ceiling(max / step) * step, 12);
        return new NiceAxis(low, high, step);
    }

    /// <summary>The tick values from <see cref="Low"/> to <see cref="High"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        int count = (int)Math.Round((High - Low) / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return Math.Round(Low + (i * Step), 12);
        }
    }
}
