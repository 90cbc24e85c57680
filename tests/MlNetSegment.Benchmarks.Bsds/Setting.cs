using MlNetSegment.Regions;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>A configuration to score: K-means options, and region options (null: plain K-means cluster labels).</summary>
internal sealed record Setting(string Name, PaletteTrainingOptions KMeans, RegionOptions? Regions);
