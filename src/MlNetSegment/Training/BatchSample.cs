using MlNetSegment.Sampling;
namespace MlNetSegment.Training;

/// <summary>The outcome of <see cref="BatchSampler.Sample"/>.</summary>
/// <param name="Reservoir">The sample.</param>
/// <param name="ImageCount">Images that gave pixels to it.</param>
/// <param name="Skipped">Images that could not be used, with a one-line reason each.</param>
internal sealed record BatchSample(PixelReservoir Reservoir, int ImageCount, IReadOnlyList<(string Path, string Reason)> Skipped);
