using System.Globalization;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Regions;

/// <summary>
/// Segments an image into coherent regions: median pre-filter, ML.NET K-means on colour plus (optionally) position
/// features, 8-connected components of equal labels, then small regions merged into their neighbours and adjacent
/// regions of similar colour and a weak shared border merged together.
/// </summary>
internal static class RegionSegmenter
{
    /// <summary>
    /// Segments <paramref name="image"/>. Fully transparent pixels are not sampled or labelled: they get cluster 0 with
    /// alpha 0 in the label map (as <see cref="Segmentation.ImageSegmenter"/> does) and region id 0.
    /// </summary>
    /// <param name="image">The decoded image; its pixel buffer must be contiguous (as <see cref="ImageLoader"/> loads it).</param>
    /// <param name="kmeans">K-means and sampling options; validated here. <see cref="RegionSegmentationDefaults.KMeans"/> holds the ones the region options were tuned with.</param>
    /// <param name="regions">Pre-filter, spatial and merge options; validated here.</param>
    /// <param name="name">How to name the image in messages.</param>
    /// <param name="cancellationToken">Cancels between stages.</param>
    /// <exception cref="ImageLoadException">The image has no opaque pixel.</exception>
    public static RegionSegmentationResult Segment(
        Image<Rgba32> image,
        PaletteTrainingOptions kmeans,
        RegionOptions regions,
        string name = "image",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kmeans);
        ArgumentNullException.ThrowIfNull(regions);
        kmeans.Validate();
        regions.Validate();
        if (!image.DangerousTryGetSinglePixelMemory(out Memory<Rgba32> memory))
        {
            throw new InvalidOperationException("The image buffer is not contiguous; load it with ImageLoader.");
        }

        int width = image.Width;
        int height = image.Height;
        // The native decoder hands over an array-backed image: read it in place rather than copy 4 bytes per pixel.
        Rgba32[] original = ArrayImages.TryGetArray(image, out Rgba32[]? pixels) ? pixels : memory.Span.ToArray();
        var (opaque, alpha) = AlphaOf(original);
        if (opaque == 0)
        {
            throw ImageLoadException.NoOpaquePixels(name);
        }

        // The median-filtered image is made band by band wherever it is read, never held whole (see FilteredPixels).
        var filtered = new FilteredPixels(original, width, height, regions.MedianSize);
        cancellationToken.ThrowIfCancellationRequested();
        var features = new PixelFeatures(kmeans.ColorSpace, regions.SpatialWeight, width, height);
        var reservoir = new PixelReservoir(kmeans.SamplePixels, kmeans.Seed);
        reservoir.OfferImage(image, opaque);
        float[] rows = features.OfSample(reservoir.Items, filtered);

        var notices = new List<string>();
        int distinct = KMeansFitter.CountDistinctRows(rows, features.Dimensions, PaletteTrainingOptions.MaxClusters);
        int clusters = kmeans.Clusters;
        if (distinct < clusters)
        {
            notices.Add($"{name} has only {distinct} distinct pixel feature(s); using {distinct} cluster(s) instead of {clusters}.");
            clusters = distinct;
        }

        KMeansFit fit = KMeansFitter.Fit(
            rows, features.Dimensions, clusters, kmeans.Seed, kmeans.MaxIterations, kmeans.Tolerance, kmeans.Restarts, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        byte[] labels = features.LabelAll(filtered, new NearestCentroid(fit.Centroids, features.Dimensions), cancellationToken);
        if (!ConnectedRegions.CountIsAtMost(labels, width, height, alpha, regions.MaxInitialRegions))
        {
            // Refuse before a region id per pixel and the merge graph are allocated: their cost grows with the pieces.
            throw new ImageLoadException(
                name,
                ImageProblem.TooFragmented,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"its {clusters} colour clusters split into more than {regions.MaxInitialRegions:N0} pieces before merging, the most the merge handles within its memory budget; ")
                + "noise-like images need a larger median filter, fewer clusters, or plain palette segmentation");
        }

        var (ids, count) = ConnectedRegions.Label(labels, width, height, alpha);
        byte[] clusterOfInitial = ClusterOfEachRegion(ids, count, labels);
        cancellationToken.ThrowIfCancellationRequested();

        RegionGraph graph = RegionGraph.Build(ids, count, filtered, kmeans.ColorSpace, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        RegionMerger.MergeSmall(graph, regions.MinRegionPixelsFor(opaque), regions.SmallRegionRule);
        RegionMerger.MergeAdjacent(graph, regions.MergeCriteria);
        RegionMap map = Renumber(graph, ids, width, height, clusterOfInitial, labels);

        var palette = new Rgb24[clusters];
        for (var c = 0; c < clusters; c++)
        {
            var (r, g, b) = ColorFeatures.ToRgb(kmeans.ColorSpace, fit.Centroids.AsSpan(c * features.Dimensions, ColorFeatures.Dimensions));
            palette[c] = new Rgb24(r, g, b);
        }

        var labelMap = new LabelMap(width, height, clusters, labels, alpha.Length == 0 ? null : alpha);
        return new RegionSegmentationResult(labelMap, map, palette, fit.Centroids, features.Dimensions, notices);
    }

    private static (long Opaque, byte[] Alpha) AlphaOf(Rgba32[] pixels)
    {
        long opaque = 0;
        var anyTranslucent = false;
        foreach (Rgba32 p in pixels)
        {
            opaque += p.A != 0 ? 1 : 0;
            anyTranslucent |= p.A != 255;
        }

        if (!anyTranslucent)
        {
            return (opaque, []);
        }

        var alpha = new byte[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            alpha[i] = pixels[i].A;
        }

        return (opaque, alpha);
    }

    private static byte[] ClusterOfEachRegion(int[] ids, int count, byte[] labels)
    {
        var clusters = new byte[count + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            clusters[ids[i]] = labels[i];
        }

        return clusters;
    }

    // Final ids in raster order of first pixel; every pixel takes its surviving region's cluster, so the label map
    // and the region map agree.
    private static RegionMap Renumber(RegionGraph graph, int[] ids, int width, int height, byte[] clusterOfInitial, byte[] labels)
    {
        var finalOf = new int[graph.InitialCount + 1];
        var clusterOfFinal = new List<byte> { 0 };
        for (var i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            if (id == 0)
            {
                continue;
            }

            int root = graph.Find(id);
            if (finalOf[root] == 0)
            {
                clusterOfFinal.Add(clusterOfInitial[root]);
                finalOf[root] = clusterOfFinal.Count - 1;
            }

            int final = finalOf[root];
            ids[i] = final;
            labels[i] = clusterOfFinal[final];
        }

        return new RegionMap(width, height, ids, clusterOfFinal.Count - 1, [.. clusterOfFinal]);
    }
}
