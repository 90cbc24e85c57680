using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSegment.Features;

namespace MlNetSegment.Training;

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

        var fits = new KMeansFit[restarts];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, restarts, parallel, run =>
        {
            fits[run] = FitOnce(features, dimensions, clusters, unchecked(seed + run), maxIterations, tolerance);
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

        FitOnce(rows, 3, 2, 0, 3, 1e-7f);
    }

    private static KMeansFit FitOnce(float[] features, int dimensions, int clusters, int seed, int maxIterations, float tolerance)
    {
        var context = new MLContext(seed);
        var trainer = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = FeatureDataView.FeaturesColumn,
            NumberOfClusters = clusters,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = maxIterations,
            OptimizationTolerance = tolerance,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(new FeatureDataView(features, dimensions));
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
}
