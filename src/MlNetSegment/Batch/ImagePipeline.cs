using MlNetSegment.Regions;
using MlNetSegment.Reporting;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Batch;

/// <summary>
/// One image segmented ad hoc, whichever way was asked: the one place that decides K (given, or chosen by the elbow
/// for <c>-k auto</c>) and palette or regions, for <c>segment</c> and its batches alike.
/// </summary>
internal static class ImagePipeline
{
    /// <summary>Segments <paramref name="image"/> as <paramref name="options"/> say.</summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="options">K-means options, K = auto, regions.</param>
    /// <param name="name">How to name the image in notices and errors.</param>
    /// <param name="regionMapReady">
    /// Given the region map as soon as the regions pipeline made it, to write it before anything else: it holds an id
    /// per pixel (400 MB at 100 MP), which the result does not keep.
    /// </param>
    /// <param name="cancellationToken">Stops between stages.</param>
    public static ImagePipelineResult Run(
        Image<Rgba32> image, ImagePipelineOptions options, string name, Action<RegionMap>? regionMapReady = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notices = new List<string>();
        PaletteTrainingOptions fit = options.Fit;
        if (options.AutoClusters is { } elbow)
        {
            (fit, string notice) = AutoClusters.Choose(image, fit, elbow, name, cancellationToken);
            notices.Add(notice);
        }

        if (options.Regions is { } regionOptions)
        {
            RegionSegmentationResult regions = RegionSegmenter.Segment(image, fit, regionOptions, name, cancellationToken);
            notices.AddRange(regions.Notices);
            regionMapReady?.Invoke(regions.Regions);
            return new ImagePipelineResult(regions.Labels, PaletteSummary.Of(regions, fit), null, regions.Regions.RegionCount, notices);
        }

        SegmentationResult result = ImageSegmenter.Segment(image, fit, name, cancellationToken);
        notices.AddRange(result.Notices);
        return new ImagePipelineResult(result.Labels, PaletteSummary.Of(result.Model), result.Model, null, notices)
        {
            FitTime = result.FitTime,
            LabelTime = result.LabelTime,
        };
    }
}

/// <summary>How <see cref="ImagePipeline"/> segments an image.</summary>
internal sealed record ImagePipelineOptions
{
    /// <summary>K-means and sampling options (K is replaced when <see cref="AutoClusters"/> is set).</summary>
    public required PaletteTrainingOptions Fit { get; init; }

    /// <summary>When set, K is chosen per image by the elbow, whose fits use these options.</summary>
    public PaletteTrainingOptions? AutoClusters { get; init; }

    /// <summary>When set, the regions pipeline runs instead of a plain palette.</summary>
    public RegionOptions? Regions { get; init; }
}

/// <summary>What <see cref="ImagePipeline"/> made of one image.</summary>
/// <param name="Labels">Every pixel's cluster.</param>
/// <param name="Summary">The palette, as the outputs need it.</param>
/// <param name="Model">The fitted palette model, or null for regions (their centroids carry positions).</param>
/// <param name="RegionCount">Regions found, or null for a plain palette.</param>
/// <param name="Notices">What the user should know (K chosen, K lowered).</param>
internal sealed record ImagePipelineResult(
    LabelMap Labels, PaletteSummary Summary, PaletteModel? Model, int? RegionCount, IReadOnlyList<string> Notices)
{
    /// <summary>Time spent sampling and fitting (palette only).</summary>
    public TimeSpan FitTime { get; init; }

    /// <summary>Time spent labelling every pixel (palette only).</summary>
    public TimeSpan LabelTime { get; init; }
}
