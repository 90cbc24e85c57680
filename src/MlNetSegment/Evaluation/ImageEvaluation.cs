namespace MlNetSegment.Evaluation;

/// <summary>The scores of one predicted segmentation.</summary>
/// <param name="Id">The image id.</param>
/// <param name="PredictionPath">The prediction file.</param>
/// <param name="Score">Metrics averaged over the image's annotators.</param>
/// <param name="Regions">Number of distinct labels in the prediction.</param>
/// <param name="Annotators">Number of annotations compared with.</param>
internal sealed record ImageEvaluation(string Id, string PredictionPath, SegmentationScore Score, int Regions, int Annotators);
