using MlNetSegment.Color;
using MlNetSegment.Segmentation;

namespace MlNetSegment.Training;

/// <summary>Turns sampled colour features into a <see cref="PaletteModel"/>.</summary>
public static class PaletteTrainer
{
    /// <summary>
    /// Fits <paramref name="clusters"/> clusters on <paramref name="features"/> (rows of
    /// <see cref="ColorFeatures.Dimensions"/> values in <paramref name="options"/>' colour space) and wraps the best
    /// restart as a palette model.
    /// </summary>
    public static PaletteModel FitModel(
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

        byte[] sampleLabels = Labeller.PredictLabels(fit.Model, features, dims);
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
            ToolVersion = ImageSegmenter.ToolVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
        return new PaletteModel(fit.Model, options.ColorSpace, fit.Centroids, info);
    }
}
