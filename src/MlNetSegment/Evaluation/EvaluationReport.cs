namespace MlNetSegment.Evaluation;

/// <summary>The scores of a folder of predictions against a ground-truth set.</summary>
/// <param name="Images">One entry per evaluated image, in id order.</param>
/// <param name="Mean">The mean scores over <paramref name="Images"/>.</param>
/// <param name="MeanRegions">The mean number of regions per prediction.</param>
/// <param name="Notices">Unmatched files on either side.</param>
internal sealed record EvaluationReport(
    IReadOnlyList<ImageEvaluation> Images,
    SegmentationScore Mean,
    double MeanRegions,
    IReadOnlyList<string> Notices);
