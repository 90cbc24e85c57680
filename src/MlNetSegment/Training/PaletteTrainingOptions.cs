using MlNetSegment.Color;

namespace MlNetSegment.Training;

/// <summary>How a palette is fitted: the K-means settings and how pixels are sampled for it.</summary>
public sealed record PaletteTrainingOptions
{
    /// <summary>Default values, chosen from the measurements in the README's performance section.</summary>
    public static class Defaults
    {
        /// <summary>Number of clusters (K).</summary>
        public const int Clusters = 10;

        /// <summary>Hue on a circle.</summary>
        public const ColorSpace Space = ColorSpace.Hsv;

        /// <summary>Seed of every random choice (sampling and K-means initialisation).</summary>
        public const int Seed = 0;

        /// <summary>
        /// K-means iteration cap. Iterations on a sample are cheap; capping below 20 was measured to hurt quality.
        /// </summary>
        public const int MaxIterations = 100;

        /// <summary>ML.NET's convergence tolerance on the change of the mean squared distance.</summary>
        public const float Tolerance = 1e-7f;

        /// <summary>
        /// Pixels drawn uniformly at random to fit on. 50,000 matched scikit-learn's full-image error on every seed
        /// tried, at a small fraction of its time.
        /// </summary>
        public const int SamplePixels = 50_000;

        /// <summary>Independent K-means runs from different seeds; the one with the lowest error on the sample is kept.</summary>
        public const int Restarts = 2;
    }

    /// <summary>Smallest accepted K.</summary>
    public const int MinClusters = 2;

    /// <summary>Largest accepted K: labels are stored as bytes.</summary>
    public const int MaxClusters = 256;

    /// <summary>Number of clusters (K), from <see cref="MinClusters"/> to <see cref="MaxClusters"/>.</summary>
    public int Clusters { get; init; } = Defaults.Clusters;

    /// <summary>Feature space the colours are clustered in.</summary>
    public ColorSpace ColorSpace { get; init; } = Defaults.Space;

    /// <summary>Seed of every random choice; the same seed gives the same palette.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>K-means iteration cap per run.</summary>
    public int MaxIterations { get; init; } = Defaults.MaxIterations;

    /// <summary>K-means convergence tolerance.</summary>
    public float Tolerance { get; init; } = Defaults.Tolerance;

    /// <summary>Pixels sampled to fit on.</summary>
    public int SamplePixels { get; init; } = Defaults.SamplePixels;

    /// <summary>K-means runs from different seeds; the best on the sample is kept.</summary>
    public int Restarts { get; init; } = Defaults.Restarts;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, MinClusters, nameof(Clusters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Clusters, MaxClusters, nameof(Clusters));
        if (!Enum.IsDefined(ColorSpace))
        {
            throw new ArgumentOutOfRangeException(nameof(ColorSpace), ColorSpace, "Unknown colour space.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        ArgumentOutOfRangeException.ThrowIfNegative(Tolerance, nameof(Tolerance));
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplePixels, 1_000, nameof(SamplePixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Restarts, 64, nameof(Restarts));
    }
}
