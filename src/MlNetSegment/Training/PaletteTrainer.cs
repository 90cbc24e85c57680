using MlNetSegment.Color;
using MlNetSegment.Features;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Training;

/// <summary>Trains palette models: on many reference images, or on sampled colour features.</summary>
internal static class PaletteTrainer
{
    /// <summary>
    /// Trains a palette on a uniform sample of the non-transparent pixels of all <paramref name="paths"/> together:
    /// every pixel of every image has the same chance to be in the sample of <see cref="PaletteTrainingOptions.SamplePixels"/>
    /// (reservoir sampling), so memory depends on the sample size, not on the number of images. Each image is decoded
    /// once; up to <paramref name="decodeAhead"/> are decoded in parallel, but they enter the sample in input order, so
    /// the result does not depend on timing. Unreadable images are skipped and listed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer usable pixels than clusters remain.</exception>
    public static PaletteTrainingRun Train(
        IReadOnlyList<string> paths,
        PaletteTrainingOptions options,
        ImageLimits? limits = null,
        IProgress<string>? imageDone = null,
        int decodeAhead = 2,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BatchSample sample = BatchSampler.Sample(paths, options.SamplePixels, options.Seed, limits, imageDone, decodeAhead, cancellationToken);
        int[] colors = new int[sample.Reservoir.Count];
        for (var i = 0; i < colors.Length; i++)
        {
            colors[i] = DistinctColors.Pack(sample.Reservoir.Items[i].Color);
        }

        var (model, notices) = FitColors(colors, sample.ImageCount, options, $"no usable pixels: all {paths.Count} input(s) were skipped", cancellationToken);
        return new PaletteTrainingRun(model, [.. sample.Skipped], notices);
    }

    /// <summary>
    /// Trains a palette on the sample files <paramref name="parts"/> that <c>sample</c> wrote for the shards of one
    /// input list: merges them into one sample of <see cref="PaletteTrainingOptions.SamplePixels"/> pixels (fewer when
    /// the parts saw fewer) that is uniform over all pixels of all parts (<see cref="SampleMerger"/>), then fits it
    /// once. The parts must be every shard of one split, sampled with <paramref name="options"/>' seed and colour space.
    /// </summary>
    /// <exception cref="SampleFileException">A part is unreadable, damaged, or does not belong with the others.</exception>
    /// <exception cref="InvalidOperationException">The parts hold no pixel.</exception>
    public static PaletteTrainingRun TrainFromSamples(IReadOnlyList<string> parts, PaletteTrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        MergedSample merged = SampleMerger.Merge(parts, options.SamplePixels, options.Seed, options.ColorSpace, cancellationToken);
        if (merged.ImageCount > int.MaxValue)
        {
            throw new InvalidOperationException($"the parts sampled {merged.ImageCount:N0} images; a model records at most {int.MaxValue:N0}");
        }

        var (model, notices) = FitColors(merged.Colors, (int)merged.ImageCount, options, parts.Count == 1 ? $"{parts[0]}: no usable pixels: its shard saw none" : $"no usable pixels: none of the {parts.Count} parts saw any", cancellationToken);
        return new PaletteTrainingRun(model, [], notices);
    }

    // K lowered to the sample's distinct colours when it has fewer, then one fit.
    private static (PaletteModel Model, List<string> Notices) FitColors(
        int[] colors, int imageCount, PaletteTrainingOptions options, string empty, CancellationToken cancellationToken)
    {
        var notices = new List<string>();
        int clusters = options.Clusters;
        int distinct = colors.Distinct().Count();
        if (distinct < clusters)
        {
            if (distinct == 0)
            {
                throw new InvalidOperationException(empty);
            }

            notices.Add($"the sample has only {distinct} distinct colour(s); using {distinct} cluster(s) instead of {clusters}.");
            clusters = distinct;
        }

        float[] features = ColorFeatures.OfPackedColors(options.ColorSpace, colors);
        return (FitModel(features, clusters, imageCount, options, cancellationToken), notices);
    }

    /// <summary>
    /// Fits the palette on a reservoir holding at least one pixel, drawn from <paramref name="imageCount"/> images (the
    /// ML.NET estimator's path); K is lowered to the sample's distinct colours (with a notice) when it holds fewer.
    /// </summary>
    internal static PaletteModel FitReservoir(
        PixelReservoir reservoir, int imageCount, PaletteTrainingOptions options, List<string> notices, CancellationToken cancellationToken)
    {
        int[] colors = new int[reservoir.Count];
        for (var i = 0; i < colors.Length; i++)
        {
            colors[i] = DistinctColors.Pack(reservoir.Items[i].Color);
        }

        var (model, fitNotices) = FitColors(colors, imageCount, options, "no usable pixels", cancellationToken);
        notices.AddRange(fitNotices);
        return model;
    }

    /// <summary>Number of pixels whose alpha is not 0.</summary>
    public static long CountOpaque(Image<Rgba32> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long count = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (Rgba32 p in accessor.GetRowSpan(y))
                {
                    if (p.A != 0)
                    {
                        count++;
                    }
                }
            }
        });
        return count;
    }

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
            ToolVersion = ImageSegmenter.ToolVersion,
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
