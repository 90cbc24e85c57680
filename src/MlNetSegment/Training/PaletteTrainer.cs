using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Models;
using MlNetSegment.Sampling;

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

        // When nothing could be used the run ends here, before the skipped files are listed: the error names the first
        // one and why (probe round 7: "no usable pixels: all 2 input(s) were skipped" named no file).
        string nothingUsable = sample.Skipped.Count > 0
            ? $"no usable pixels: all {paths.Count} input(s) were skipped; the first, {sample.Skipped[0].Reason}"
            : $"no usable pixels: all {paths.Count} input(s) were skipped";
        var (model, notices) = FitColors(colors, sample.ImageCount, options, nothingUsable, cancellationToken);
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
        return (PaletteModelFitter.Fit(features, clusters, imageCount, options, cancellationToken), notices);
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
}
