using MlNetSegment.Clustering;
using MlNetSegment.Color;

namespace MlNetSegment.Models;

/// <summary>Turns colour feature rows into a <see cref="PaletteModel"/>: the ML.NET fit and the model's metadata.</summary>
internal static class PaletteModelFitter
{
    /// <summary>
    /// Fits <paramref name="clusters"/> clusters on <paramref name="features"/> (rows of
    /// <see cref="ColorFeatures.Dimensions"/> values in <paramref name="options"/>' colour space) and wraps the best
    /// restart as a palette model.
    /// </summary>
    public static PaletteModel Fit(
        float[] features,
        int clusters,
        int imageCount,
        PaletteTrainingOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        int dims = ColorFeatures.Dimensions;
        KMeansFit fit = KMeansFitter.Fit(
            features, dims, clusters, options.Seed, options.MaxIterations, options.Tolerance, options.Restarts, cancellationToken);

        // The same labels ML.NET's Transform gives (tests compare them on every pixel of real photos), without its
        // per-row overhead: on a 50,000-row sample that overhead was a sizeable part of a whole 8 MP run.
        byte[] sampleLabels = new NearestCentroid(fit.Centroids, dims).LabelRows(features);
        var shares = new double[clusters];
        foreach (byte label in sampleLabels)
        {
            shares[label]++;
        }

        for (var c = 0; c < shares.Length; c++)
        {
            shares[c] /= sampleLabels.Length;
        }

        var info = new PaletteModelInfo
        {
            TrainingShares = shares,
            SampledPixels = sampleLabels.Length,
            ImageCount = imageCount,
            Seed = options.Seed,
            RunSeed = fit.RunSeed,
            SampleInertia = fit.Inertia,
            MaxIterations = options.MaxIterations,
            ToolVersion = ToolInfo.Version,
            CreatedUtc = SourceDateEpoch(),
        };
        return new PaletteModel(fit.Model, options.ColorSpace, fit.Centroids, info);
    }

    // The reproducible-builds convention: a build that wants a time in its outputs gives it in SOURCE_DATE_EPOCH
    // (seconds since 1970, UTC); without it the model carries no time at all.
    private static DateTimeOffset? SourceDateEpoch() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds)
            && seconds <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
