
namespace MlNetSegment;

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
        /// K-means iteration cap per run. Capping below 20 was measured to hurt quality; on 54 photos (BSDS500 and the
        /// samples) 30 and 50 gave the same error to 0.1%, and most runs on a sample converge before 50.
        /// </summary>
        public const int MaxIterations = 50;

        /// <summary>ML.NET's convergence tolerance on the change of the mean squared distance.</summary>
        public const float Tolerance = 1e-7f;

        /// <summary>
        /// Pixels drawn to fit on, each equally likely (from one image, stratified by colour). K-means on photos mostly fails by landing in a poor local
        /// optimum, not by sampling noise, so the fitting budget goes to restarts rather than sample size: on 54 photos
        /// (BSDS500 and the samples, K = 10, hsv-linear, 3 seeds; the README's defaults table) 16,000 pixels × 6 restarts
        /// gave a full-image error 1.4% below scikit-learn's median on average (worst photo +0.8%), where 50,000 × 2
        /// gave 0.3% below (worst +6.4%), for about the same work.
        /// </summary>
        public const int SamplePixels = 16_000;

        /// <summary>
        /// Independent K-means runs from different seeds; the one with the lowest error on the sample is kept. They
        /// run in parallel, one per core (see <see cref="SamplePixels"/> for why 6).
        /// </summary>
        public const int Restarts = 6;
    }

    /// <summary>Smallest accepted K.</summary>
    public const int MinClusters = 2;

    /// <summary>
    /// Largest accepted sample: 10 million pixels, 120 MB of samples and 5 dimensions of features at most, within the
    /// memory budget; far more than a palette needs (the defaults use 16,000).
    /// </summary>
    public const int MaxSamplePixels = 10_000_000;

    /// <summary>Smallest accepted sample.</summary>
    public const int MinSamplePixels = 1_000;

    /// <summary>Most K-means restarts.</summary>
    public const int MaxRestarts = 64;

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
        // Each range is checked here and only here; the CLI names the flag in front of these messages.
        if (Clusters is < MinClusters or > MaxClusters)
        {
            throw new ArgumentOutOfRangeException(nameof(Clusters), Clusters, $"must be from {MinClusters} to {MaxClusters}, got {Clusters}");
        }

        if (!Enum.IsDefined(ColorSpace))
        {
            throw new ArgumentOutOfRangeException(nameof(ColorSpace), ColorSpace, "must be a defined colour space");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "must be at least 1");
        }

        if (!float.IsFinite(Tolerance) || Tolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be a number greater than 0");
        }

        if (SamplePixels is < MinSamplePixels or > MaxSamplePixels)
        {
            throw new ArgumentOutOfRangeException(nameof(SamplePixels), SamplePixels, $"must be from {MinSamplePixels} to {MaxSamplePixels}");
        }

        if (Restarts is < 1 or > MaxRestarts)
        {
            throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, $"must be from 1 to {MaxRestarts}");
        }
    }
}
