namespace MlNetSegment.Evaluation;

/// <summary>Agreement of a segmentation with ground truth (each a mean over annotators when there are several).</summary>
/// <param name="RandIndex">(Probabilistic) Rand Index: share of pixel pairs p &lt; q on which both agree (same or different region); higher is better, 1 at most.</param>
/// <param name="VoiNats">Variation of Information H(S) + H(G) − 2·I(S; G) in nats (natural log); lower is better, 0 when identical.</param>
/// <param name="Covering">Segmentation Covering of the ground truth by the segmentation: Σ |R| · max IoU(R, R') / N; higher is better.</param>
internal readonly record struct SegmentationScore(double RandIndex, double VoiNats, double Covering)
{
    /// <summary>Variation of Information in bits (log base 2), the unit of most published BSDS tables.</summary>
    public double VoiBits => VoiNats / Math.Log(2);

    /// <summary>The component-wise mean of <paramref name="scores"/>.</summary>
    public static SegmentationScore Mean(IReadOnlyCollection<SegmentationScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("No scores to average.", nameof(scores));
        }

        return new SegmentationScore(
            scores.Average(s => s.RandIndex), scores.Average(s => s.VoiNats), scores.Average(s => s.Covering));
    }
}
