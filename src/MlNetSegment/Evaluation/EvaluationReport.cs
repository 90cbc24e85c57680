namespace MlNetSegment.Evaluation;

/// <summary>The scores of a folder of predictions against a ground-truth set.</summary>
/// <param name="Images">One entry per scored image, in id order.</param>
/// <param name="Mean">The mean scores over <paramref name="Images"/>; null when none was scored.</param>
/// <param name="MeanRegions">The mean number of regions per scored prediction; null when none was scored.</param>
/// <param name="Notices">Unmatched files on either side.</param>
/// <param name="Failures">The predictions that could not be scored, in id order, each with a one-line reason.</param>
internal sealed record EvaluationReport(
    IReadOnlyList<ImageEvaluation> Images,
    SegmentationScore? Mean,
    double? MeanRegions,
    IReadOnlyList<string> Notices,
    IReadOnlyList<EvaluationFailure> Failures);

/// <summary>A prediction that could not be scored.</summary>
/// <param name="Id">The image id.</param>
/// <param name="PredictionPath">The prediction file.</param>
/// <param name="Message">Why, in one line that names the file.</param>
internal sealed record EvaluationFailure(string Id, string PredictionPath, string Message);
