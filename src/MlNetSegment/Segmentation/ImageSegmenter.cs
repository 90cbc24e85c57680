using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Models;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Segmentation;

/// <summary>Segments one image ad hoc: fits a palette on a sample of its own pixels, then labels every pixel.</summary>
internal static class ImageSegmenter
{
    /// <summary>
    /// Fits <paramref name="options"/>.Clusters colours on a uniform sample of the opaque pixels of
    /// <paramref name="image"/> and labels every pixel. When the image has fewer distinct colours than K, K is
    /// lowered to that number and a notice says so.
    /// </summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="options">K-means and sampling options; validated here.</param>
    /// <param name="name">How to name the image in messages.</param>
    /// <param name="cancellationToken">Cancels between stages.</param>
    /// <exception cref="ImageLoadException">The image has no opaque pixel.</exception>
    public static SegmentationResult Segment(
        Image<Rgba32> image,
        PaletteTrainingOptions options,
        string name = "image",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        long fitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        SampledPixel[] sample = ImageSample.Draw(image, options.SamplePixels, options.Seed);
        if (sample.Length == 0)
        {
            throw ImageLoadException.NoOpaquePixels(name);
        }

        var notices = new List<string>();
        int clusters = options.Clusters;
        float[] features = ImageSample.FeaturesOf(sample, options.ColorSpace);

        // Only when the sample holds fewer distinct colours than K is the whole image's set of colours needed (a
        // photo never gets here, so it is spared that pass): an image may simply have fewer colours than K, or a
        // sample can miss rare ones — in an image of one colour plus a few pixels of three others, 1,000 samples may
        // hold two colours, and ML.NET's k-means++ cannot seed more clusters than distinct rows (found by the
        // fuzzer). Every distinct colour of the image then joins the sample (see TrainingRows).
        if (KMeansFitter.CountDistinctRows(features, ColorFeatures.Dimensions, clusters) < clusters)
        {
            var (colors, _) = DistinctColors.Find(image);
            if (colors.Length < clusters)
            {
                notices.Add($"{name} has only {colors.Length} distinct colour(s); using {colors.Length} cluster(s) instead of {clusters}.");
                clusters = colors.Length;
            }

            features = TrainingRows.WithEveryColor(features, colors, options.ColorSpace, options.Seed, options.SamplePixels);
        }

        // Distinct colours can still share features (rounding in a colour conversion): never ask for more clusters
        // than there are distinct rows.
        int distinctRows = KMeansFitter.CountDistinctRows(features, ColorFeatures.Dimensions, clusters);
        if (distinctRows < clusters)
        {
            notices.Add($"{name} has only {distinctRows} distinct colour(s) in {options.ColorSpace} space; using {distinctRows} cluster(s) instead of {clusters}.");
            clusters = distinctRows;
        }

        cancellationToken.ThrowIfCancellationRequested();
        PaletteModel model = PaletteModelFitter.Fit(features, clusters, imageCount: 1, options, cancellationToken);
        long labelStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        LabelMap labels = model.Label(image, cancellationToken);
        return new SegmentationResult(labels, model, notices)
        {
            FitTime = System.Diagnostics.Stopwatch.GetElapsedTime(fitStarted, labelStarted),
            LabelTime = System.Diagnostics.Stopwatch.GetElapsedTime(labelStarted),
        };
    }
}
