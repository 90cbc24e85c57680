namespace MlNetSegment.Training;

/// <summary>The outcome of <see cref="SampleMerger.Merge"/>.</summary>
/// <param name="Colors">The merged sample, packed 0xRRGGBB.</param>
/// <param name="ImageCount">Images the parts sampled, added up.</param>
/// <param name="PixelsSeen">Pixels the parts saw, added up.</param>
/// <param name="PartCount">Parts merged.</param>
internal sealed record MergedSample(int[] Colors, long ImageCount, long PixelsSeen, int PartCount);
