using MlNetSegment.Evaluation;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>Mean scores over a set of images.</summary>
internal sealed record Summary(SegmentationScore Score, double Regions, double Seconds)
{
    /// <summary>min(PRI / 0.806, 1.557 / VoI, Covering / 0.481): at least 1 when the moonshot is met on all three.</summary>
    public double MoonshotScore => Math.Min(Math.Min(Score.RandIndex / 0.806, 1.557 / Score.VoiNats), Score.Covering / 0.481);

    public bool MeetsBar => Score.RandIndex >= 0.79 && Score.VoiNats <= 1.60 && Score.Covering >= 0.48;

    public static Summary Of(IEnumerable<ImageScore> scores)
    {
        var list = scores.ToList();
        return new Summary(SegmentationScore.Mean([.. list.Select(s => s.Score)]), list.Average(s => s.Regions), list.Average(s => s.Seconds));
    }

    public string Format() =>
        $"PRI {Score.RandIndex:F4}  VoI {Score.VoiNats:F4}  Cov {Score.Covering:F4}  regions {Regions,6:F1}  {Seconds:F3} s/img  score {MoonshotScore:F4}";
}

/// <summary>A setting's scores on all images, and on the first and last half by id.</summary>
internal sealed record SettingResult(Setting Setting, IReadOnlyList<ImageScore> Images)
{
    public Summary All => Summary.Of(Images);

    public Summary FirstHalf => Summary.Of(Images.Take(Images.Count / 2));

    public Summary LastHalf => Summary.Of(Images.Skip(Images.Count / 2));
}
