using MlNetSegment.Color;
using MlNetSegment.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Reporting;

/// <summary>Builds a <see cref="SegmentationReport"/> from a segmentation.</summary>
internal static class ReportBuilder
{
    /// <summary>Counts pixels per cluster from the label map and measures the inertia of every labelled pixel.</summary>
    public static SegmentationReport Build(string input, Image<Rgba32> image, LabelMap labels, PaletteModel model) =>
        Build(input, image, labels, PaletteSummary.Of(model));

    /// <summary>Counts pixels per cluster from the label map and measures the colour inertia of every labelled pixel.</summary>
    public static SegmentationReport Build(string input, Image<Rgba32> image, LabelMap labels, PaletteSummary model)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(model);
        var (counts, transparent) = labels.CountPixels();
        long labelled = counts.Sum();
        int dims = ColorFeatures.Dimensions;
        return new SegmentationReport
        {
            Input = input,
            Width = labels.Width,
            Height = labels.Height,
            K = model.ClusterCount,
            ColorSpace = ColorSpaceNames.ToName(model.ColorSpace),
            Seed = model.Seed,
            Iterations = null,
            MaxIterations = model.MaxIterations,
            Inertia = Inertia(image, labels, model.ColorSpace, model.ColorCentroids),
            SampleInertia = model.SampleInertia,
            TransparentPixels = transparent,
            Palette = [.. Enumerable.Range(0, model.ClusterCount).Select(c => new ReportPaletteEntry
            {
                Index = c,
                Hex = PaletteModelFile.ToHex(model.Palette[c]),
                Pixels = counts[c],
                Share = labelled == 0 ? 0 : (double)counts[c] / labelled,
                Centroid = model.ColorCentroids.AsSpan(c * dims, dims).ToArray(),
            })],
        };
    }

    /// <summary>
    /// Sum over labelled pixels of the squared distance between the pixel's colour features and its cluster's colour
    /// centroid (<paramref name="centroids"/>: K rows of colour features).
    /// </summary>
    public static double Inertia(Image<Rgba32> image, LabelMap labels, ColorSpace space, float[] centroids)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(centroids);
        if (!image.DangerousTryGetSinglePixelMemory(out Memory<Rgba32> memory))
        {
            throw new InvalidOperationException("The image buffer is not contiguous; load it with ImageLoader.");
        }

        int dims = ColorFeatures.Dimensions;
        var partial = new double[labels.Height];
        Parallel.For(0, labels.Height, y =>
        {
            Span<float> features = stackalloc float[ColorFeatures.Dimensions];
            ReadOnlySpan<Rgba32> row = memory.Span.Slice(y * labels.Width, labels.Width);
            double sum = 0;
            for (var x = 0; x < row.Length; x++)
            {
                int i = (y * labels.Width) + x;
                if (labels.IsTransparent(i))
                {
                    continue;
                }

                ColorFeatures.ToFeatures(space, row[x].R, row[x].G, row[x].B, features);
                int c = labels.Labels[i];
                for (var d = 0; d < dims; d++)
                {
                    double diff = features[d] - centroids[(c * dims) + d];
                    sum += diff * diff;
                }
            }

            partial[y] = sum;
        });

        // Summed in row order so the result does not depend on thread timing.
        double total = 0;
        foreach (double p in partial)
        {
            total += p;
        }

        return total;
    }
}
