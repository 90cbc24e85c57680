using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Segmentation;

/// <summary>
/// Helps choose K: fits every K of a range on one pixel sample, measures inertia and a sampled silhouette score, and
/// suggests the knee of the inertia curve.
/// </summary>
internal static class ElbowAnalysis
{
    /// <summary>Default settings.</summary>
    public static class Defaults
    {
        /// <summary>Smallest K tried.</summary>
        public const int MinK = 2;

        /// <summary>Largest K tried.</summary>
        public const int MaxK = 16;

        /// <summary>Pixels fitted on for each K: fewer than a segment's, since it is fitted many times.</summary>
        public const int SamplePixels = 20_000;

        /// <summary>
        /// K-means restarts per K: fewer than a segment's, since 15 values of K are fitted (2 keeps a 2..16 analysis
        /// near 1 s; 6 took 2.3 s on a 0.24 MP photo for the same suggestion).
        /// </summary>
        public const int Restarts = 2;

        /// <summary>
        /// The K-means options to pass to <see cref="Run"/> (the CLI's <c>elbow</c> and <c>-k auto</c> use them):
        /// <see cref="SamplePixels"/> and <see cref="Restarts"/>, the rest as <see cref="PaletteTrainingOptions.Defaults"/>.
        /// </summary>
        public static PaletteTrainingOptions Options { get; } = new() { SamplePixels = SamplePixels, Restarts = Restarts };

        /// <summary>Points the silhouette is computed on; its cost grows with the square of this.</summary>
        public const int SilhouettePoints = 1_500;
    }

    /// <summary>
    /// Runs the analysis on <paramref name="image"/>. K above the number of distinct colours is skipped. The suggested
    /// K is the elbow of the inertia curve, as <see cref="Knee"/> defines it.
    /// </summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="minK">Smallest K tried.</param>
    /// <param name="maxK">Largest K tried.</param>
    /// <param name="options">
    /// Sampling and K-means options (K is ignored); <see cref="Defaults.Options"/> holds the ones the CLI uses, lighter
    /// than a single segmentation's because every K in the range is fitted.
    /// </param>
    /// <param name="name">How to name the image in messages.</param>
    /// <param name="progress">Told each point as soon as its K is fitted (a wide range takes minutes).</param>
    /// <param name="cancellationToken">Cancels between values of K.</param>
    public static ElbowResult Run(
        Image<Rgba32> image,
        int minK,
        int maxK,
        PaletteTrainingOptions options,
        string name = "image",
        IProgress<ElbowPoint>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(minK, PaletteTrainingOptions.MinClusters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, minK + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxK, PaletteTrainingOptions.MaxClusters);
        options.Validate();

        var (colors, opaque) = DistinctColors.Find(image);
        if (opaque == 0)
        {
            throw ImageLoadException.NoOpaquePixels(name);
        }

        // Nothing to fit: K = the colour count gives every colour its own cluster, inertia 0.
        ElbowResult Exact(int colorCount, string where, int sampledPixels)
        {
            int k = Math.Max(colorCount, 1);
            return new ElbowResult([new ElbowPoint(k, 0, 0)], k, sampledPixels)
            {
                Note = $"{name} has only {colorCount} distinct colour(s){where}: K = {k} separates them exactly, so there is no curve to find an elbow on",
            };
        }

        maxK = Math.Min(maxK, colors.Length);
        if (maxK <= minK)
        {
            return Exact(colors.Length, string.Empty, 0);
        }

        var reservoir = new PixelReservoir(options.SamplePixels, options.Seed);
        reservoir.OfferImage(image, opaque);
        float[] features = ImageSample.FeaturesOf(reservoir.Items, options.ColorSpace);
        int dims = ColorFeatures.Dimensions;

        // A sample can miss colours that the image has (one colour plus a few stray pixels), and ML.NET's k-means++
        // cannot seed more clusters than distinct rows: it threw for such an image (probe round 6). The missed colours
        // join the sample, and K stops at the distinct rows there are (colours can also meet in a colour space).
        if (KMeansFitter.CountDistinctRows(features, dims, maxK) < maxK)
        {
            features = TrainingRows.WithEveryColor(features, colors, options.ColorSpace, options.Seed, options.SamplePixels);
        }

        int distinctRows = KMeansFitter.CountDistinctRows(features, dims, maxK);
        if (distinctRows <= minK)
        {
            return Exact(distinctRows, $" in {options.ColorSpace} space", reservoir.Count);
        }

        maxK = distinctRows;

        float[] silhouetteFeatures = UniformRows(features, dims, Defaults.SilhouettePoints, options.Seed);

        var points = new List<ElbowPoint>();
        for (int k = minK; k <= maxK; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            KMeansFit fit = KMeansFitter.Fit(features, dims, k, options.Seed, options.MaxIterations, options.Tolerance, options.Restarts, cancellationToken);
            byte[] labels = new NearestCentroid(fit.Centroids, dims).LabelRows(silhouetteFeatures);
            var point = new ElbowPoint(k, fit.Inertia, Silhouette(silhouetteFeatures, dims, labels, k));
            points.Add(point);
            progress?.Report(point);
        }

        return new ElbowResult(points, Knee(points), reservoir.Count);
    }

    /// <summary>
    /// <paramref name="count"/> rows drawn uniformly without replacement (seeded partial Fisher–Yates), or all rows if
    /// there are no more. Not the first rows: the reservoir keeps every pixel of a small image in raster order, so
    /// its first rows are the top of the image, and on a large image its early slots are biased the same way.
    /// </summary>
    internal static float[] UniformRows(float[] rows, int dimensions, int count, int seed)
    {
        int total = rows.Length / dimensions;
        if (total <= count)
        {
            return rows;
        }

        var order = new int[total];
        for (var i = 0; i < total; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        var chosen = new float[count * dimensions];
        for (var i = 0; i < count; i++)
        {
            int j = random.Next(i, total);
            (order[i], order[j]) = (order[j], order[i]);
            rows.AsSpan(order[i] * dimensions, dimensions).CopyTo(chosen.AsSpan(i * dimensions));
        }

        return chosen;
    }

    /// <summary>
    /// Share of the remaining inertia that one more cluster must remove to be worth it: the elbow is the first K after
    /// which adding a cluster removes less than 20%.
    /// </summary>
    public const double MinimumGain = 0.2;

    /// <summary>
    /// The elbow of a decreasing inertia curve: the smallest K whose next K lowers the inertia by less than
    /// <see cref="MinimumGain"/> of it (or the largest K tried, if every step still gains that much).
    /// </summary>
    public static int Knee(IReadOnlyList<ElbowPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i + 1 < points.Count; i++)
        {
            if (points[i].Inertia <= 0 || points[i + 1].Inertia > (1 - MinimumGain) * points[i].Inertia)
            {
                return points[i].K;
            }
        }

        return points[^1].K;
    }

    /// <summary>Mean silhouette coefficient; a point alone in its cluster scores 0 (Rousseeuw's convention).</summary>
    public static double Silhouette(ReadOnlySpan<float> features, int dimensions, ReadOnlySpan<byte> labels, int clusters)
    {
        int n = labels.Length;
        if (n < 2)
        {
            return 0;
        }

        var sizes = new int[clusters];
        foreach (byte label in labels)
        {
            sizes[label]++;
        }

        var sums = new double[clusters];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            ReadOnlySpan<float> a = features.Slice(i * dimensions, dimensions);
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                ReadOnlySpan<float> b = features.Slice(j * dimensions, dimensions);
                double d2 = 0;
                for (var d = 0; d < dimensions; d++)
                {
                    double diff = a[d] - b[d];
                    d2 += diff * diff;
                }

                sums[labels[j]] += Math.Sqrt(d2);
            }

            int own = labels[i];
            if (sizes[own] <= 1)
            {
                continue;
            }

            double inner = sums[own] / (sizes[own] - 1);
            double nearest = double.PositiveInfinity;
            for (var c = 0; c < clusters; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    nearest = Math.Min(nearest, sums[c] / sizes[c]);
                }
            }

            if (double.IsFinite(nearest))
            {
                total += (nearest - inner) / Math.Max(nearest, inner);
            }
        }

        return total / n;
    }
}
