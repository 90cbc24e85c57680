using MlNetSegment.Color;
using MlNetSegment.Features;
using MlNetSegment.Imaging;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Training;

/// <summary>Trains palette models: on many reference images, or on sampled colour features.</summary>
public static class PaletteTrainer
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
        ArgumentOutOfRangeException.ThrowIfLessThan(decodeAhead, 1);
        var reservoir = new PixelReservoir(options.SamplePixels, options.Seed);
        var skipped = new List<(string, string)>();
        var used = 0;
        var pending = new Queue<(Task<Image<Rgba32>> Decode, long Pixels)>();
        var next = 0;

        // Decoding ahead holds several images at once: bound their pixels, not just their count (see PixelBudget).
        var budget = new PixelBudget(PixelBudget.DefaultCapacity);
        try
        {
            for (var i = 0; i < paths.Count; i++)
            {
                while (next < paths.Count && pending.Count < decodeAhead)
                {
                    string path = paths[next];
                    long pixels = decodeAhead > 1 ? PixelBudget.PixelsOf(path, limits) : 0;
                    if (!budget.TryReserve(pixels))
                    {
                        break;
                    }

                    next++;
                    pending.Enqueue((Task.Run(() => ImageLoader.Load(path, limits, cancellationToken), cancellationToken), pixels));
                }

                var (task, reserved) = pending.Dequeue();
                try
                {
                    using Image<Rgba32> image = task.GetAwaiter().GetResult();
                    long opaque = CountOpaque(image);
                    if (opaque == 0)
                    {
                        skipped.Add((paths[i], $"{paths[i]}: no opaque pixels to sample"));
                    }
                    else
                    {
                        reservoir.OfferImage(image, opaque, used);
                        used++;
                    }
                }
                catch (ImageLoadException ex)
                {
                    skipped.Add((paths[i], ex.Message));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Anything else that goes wrong with one image (out of memory included) skips that image only.
                    skipped.Add((paths[i], PaletteApplier.FailureOf(paths[i], ex)));
                }
                finally
                {
                    budget.Release(reserved);
                }

                imageDone?.Report(paths[i]);
            }
        }
        finally
        {
            foreach (var (task, _) in pending)
            {
                try
                {
                    task.GetAwaiter().GetResult().Dispose();
                }
                catch (Exception)
                {
                    // Already failed or cancelled; nothing to release.
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (reservoir.Count == 0)
        {
            throw new InvalidOperationException($"no usable pixels: all {paths.Count} input(s) were skipped");
        }

        var notices = new List<string>();
        PaletteModel model = FitReservoir(reservoir, used, options, notices, cancellationToken);
        return new PaletteTrainingRun(model, skipped, notices);
    }

    /// <summary>
    /// Fits the palette on a reservoir holding at least one pixel, drawn from <paramref name="imageCount"/> images;
    /// K is lowered to the sample's distinct colours (with a notice) when it holds fewer than K.
    /// </summary>
    internal static PaletteModel FitReservoir(
        PixelReservoir reservoir, int imageCount, PaletteTrainingOptions options, List<string> notices, CancellationToken cancellationToken)
    {
        int clusters = options.Clusters;
        int distinct = reservoir.Items.ToArray().Select(p => DistinctColors.Pack(p.Color)).Distinct().Count();
        if (distinct < clusters)
        {
            notices.Add($"the sample has only {distinct} distinct colour(s); using {distinct} cluster(s) instead of {clusters}.");
            clusters = distinct;
        }

        float[] features = ImageSegmenter.FeaturesOf(reservoir.Items, options.ColorSpace);
        return FitModel(features, clusters, imageCount, options, cancellationToken);
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
