using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSegment.Sampling;

namespace MlNetSegment.Clustering;

/// <summary>The outcome of fitting K-means: the ML.NET model, its centroids and its error on the training rows.</summary>
/// <param name="Model">The fitted ML.NET transformer.</param>
/// <param name="Centroids">K rows of feature values, row-major.</param>
/// <param name="Inertia">Sum of squared distances of the training rows to their nearest centroid.</param>
/// <param name="RunSeed">Seed of the K-means run that was kept.</param>
internal sealed record KMeansFit(
    ClusteringPredictionTransformer<KMeansModelParameters> Model,
    float[] Centroids,
    double Inertia,
    int RunSeed);

/// <summary>Fits ML.NET's K-means on a buffer of feature rows, with several seeded restarts run in parallel.</summary>
internal static class KMeansFitter
{
    /// <summary>
    /// Largest K seeded with k-means++; above it ML.NET's k-means|| (its <c>KMeansYinyang</c> initialisation) seeds
    /// the clusters.
    /// </summary>
    /// <remarks>
    /// ML.NET's k-means++ seeding grows with the square of K (one pass over the rows per centroid chosen, each
    /// comparing with every centroid so far): a single 16,000-row fit took about 0.6 s at K = 64, 5 s at 128 and 21 s
    /// at 256, most of a -k 256 run. k-means|| picks many candidates per pass in a few passes. Measured on BSDS500 and
    /// sample photos (hsv, 16,000-pixel samples, one thread): one run on 24 photos, k-means|| 2.7x faster at K = 128
    /// and 3.3x at 256, with an error 0.1% lower on average (worst photo +2.2%); six restarts, the lowest error kept,
    /// as the tool does, on 12 photos: 2.6x and 2.4x faster, error within 0.2% on average (worst +1.6%). At K = 64 it
    /// was 1.7-2.3x faster but one photo's single run came out 11% worse, so K up to 64 - every default and the
    /// elbow's range - keeps k-means++ and gives the same output as before. Both are deterministic with one thread.
    /// ML.NET's k-means|| draws 2K new candidates in each of its 5 rounds from rows not yet drawn, and fails ("too few
    /// examples") when there are not that many distinct rows - a posterised image, or the distinct colours of an
    /// image of few colours - so such data keeps k-means++ whatever K.
    /// </remarks>
    public const int MaxClustersForKMeansPlusPlus = 64;

    // ML.NET's k-means|| for K of 60 or more: 5 rounds of 2K draws after a first row.
    private static int RowsForKMeansParallel(int clusters) => (5 * 2 * clusters) + 1;

    /// <summary>
    /// Fits <paramref name="clusters"/> clusters on <paramref name="features"/> (row-major, <paramref name="dimensions"/>
    /// per row) <paramref name="restarts"/> times from seeds <paramref name="seed"/>, <paramref name="seed"/>+1, …, and
    /// keeps the run with the lowest inertia (the earliest on a tie).
    /// </summary>
    /// <remarks>
    /// Each run is single-threaded, because ML.NET's K-means is only deterministic on one thread; determinism across
    /// runs is kept by giving each its own seeded <see cref="MLContext"/>, so the runs themselves can go in parallel.
    /// </remarks>
    public static KMeansFit Fit(
        float[] features,
        int dimensions,
        int clusters,
        int seed,
        int maxIterations,
        float tolerance,
        int restarts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.Length / dimensions;
        if (rows < clusters)
        {
            throw new ArgumentException($"{rows} rows cannot make {clusters} clusters.", nameof(features));
        }

        KMeansTrainer.InitializationAlgorithm initialization = InitializationFor(features, dimensions, clusters);
        restarts = RunsNeeded(features, dimensions, clusters, restarts);
        var fits = new KMeansFit[restarts];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, restarts, parallel, run =>
        {
            fits[run] = FitOnce(features, dimensions, clusters, unchecked(seed + run), maxIterations, tolerance, initialization);
        });

        KMeansFit best = fits[0];
        for (var run = 1; run < fits.Length; run++)
        {
            if (fits[run].Inertia < best.Inertia)
            {
                best = fits[run];
            }
        }

        return best;
    }

    /// <summary>Fits a tiny problem so that the JIT compiles ML.NET's K-means code paths; overlap it with decoding.</summary>
    public static void WarmUp()
    {
        var rows = new float[64 * 3];
        var random = new Random(1);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)random.NextDouble();
        }

        FitOnce(rows, 3, 2, 0, 3, 1e-7f, KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus);
    }

    /// <summary>k-means|| above <see cref="MaxClustersForKMeansPlusPlus"/> clusters when the rows allow it, else k-means++.</summary>
    internal static KMeansTrainer.InitializationAlgorithm InitializationFor(float[] features, int dimensions, int clusters) =>
        clusters > MaxClustersForKMeansPlusPlus && HasDistinctRows(features, dimensions, RowsForKMeansParallel(clusters))
            ? KMeansTrainer.InitializationAlgorithm.KMeansYinyang
            : KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus;

    /// <summary>
    /// <paramref name="restarts"/>, or 1 when the rows hold no more than K distinct values (a palette image, or the
    /// distinct colours of an image of K colours): k-means++ then seeds every value, so every run ends with one
    /// cluster per value and the same error, and the first run, the one kept on a tie, is the answer. For -k 256 on a
    /// 256-colour image the other runs were 30 of the fit's 37 s.
    /// </summary>
    internal static int RunsNeeded(float[] features, int dimensions, int clusters, int restarts) =>
        HasDistinctRows(features, dimensions, clusters + 1) ? restarts : 1;

    /// <summary>
    /// The number of distinct rows of <paramref name="dimensions"/> values in <paramref name="features"/>, counting no
    /// further than <paramref name="enough"/>: the one count every pipeline caps K with, since ML.NET's k-means++ cannot
    /// seed more clusters than distinct rows.
    /// </summary>
    public static int CountDistinctRows(float[] features, int dimensions, int enough)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var seen = new HashSet<int>(new RowComparer(features, dimensions));
        for (var row = 0; row < features.Length / dimensions && seen.Count < enough; row++)
        {
            seen.Add(row);
        }

        return seen.Count;
    }

    // True when features holds at least count distinct rows (it stops counting there).
    private static bool HasDistinctRows(float[] features, int dimensions, int count) =>
        features.Length / dimensions >= count && CountDistinctRows(features, dimensions, count) >= count;

    private static KMeansFit FitOnce(
        float[] features, int dimensions, int clusters, int seed, int maxIterations, float tolerance, KMeansTrainer.InitializationAlgorithm initialization)
    {
        var context = new MLContext(seed);
        var trainer = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = FeatureDataView.FeaturesColumn,
            NumberOfClusters = clusters,
            InitializationAlgorithm = initialization,
            MaximumNumberOfIterations = maxIterations,
            OptimizationTolerance = tolerance,
            NumberOfThreads = 1,
        });
        ClusteringPredictionTransformer<KMeansModelParameters> model;
        try
        {
            model = trainer.Fit(new FeatureDataView(features, dimensions));
        }
        catch (InvalidOperationException) when (initialization == KMeansTrainer.InitializationAlgorithm.KMeansYinyang)
        {
            // k-means|| found too few rows to draw from after all (rows too close to tell apart): k-means++ needs only
            // K distinct rows. The same data and seed fail the same way, so the result stays reproducible.
            return FitOnce(features, dimensions, clusters, seed, maxIterations, tolerance, KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus);
        }

        float[] centroids = ExtractCentroids(model.Model, dimensions);
        double inertia = Inertia(features, dimensions, centroids);
        return new KMeansFit(model, centroids, inertia, seed);
    }

    /// <summary>The centroids of an ML.NET K-means model as K rows of <paramref name="dimensions"/> floats.</summary>
    public static float[] ExtractCentroids(KMeansModelParameters model, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(model);
        VBuffer<float>[] vectors = [];
        model.GetClusterCentroids(ref vectors, out int k);
        var centroids = new float[k * dimensions];
        for (var c = 0; c < k; c++)
        {
            vectors[c].CopyTo(centroids.AsSpan(c * dimensions, dimensions));
        }

        return centroids;
    }

    /// <summary>Sum over rows of the squared distance to the nearest centroid (the K-means objective).</summary>
    public static double Inertia(ReadOnlySpan<float> features, int dimensions, ReadOnlySpan<float> centroids)
    {
        int k = centroids.Length / dimensions;
        double total = 0;
        for (var row = 0; row < features.Length; row += dimensions)
        {
            var point = features.Slice(row, dimensions);
            float best = float.MaxValue;
            for (var c = 0; c < k; c++)
            {
                var centroid = centroids.Slice(c * dimensions, dimensions);
                float distance = 0;
                for (var d = 0; d < dimensions; d++)
                {
                    float diff = point[d] - centroid[d];
                    distance += diff * diff;
                }

                best = Math.Min(best, distance);
            }

            total += best;
        }

        return total;
    }

    /// <summary>Rows of a feature buffer, by index, equal when all their values are.</summary>
    private sealed class RowComparer(float[] features, int dimensions) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) =>
            features.AsSpan(a * dimensions, dimensions).SequenceEqual(features.AsSpan(b * dimensions, dimensions));

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            foreach (float value in features.AsSpan(row * dimensions, dimensions))
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
