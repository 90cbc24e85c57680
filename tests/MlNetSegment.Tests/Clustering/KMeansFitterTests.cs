using Microsoft.ML.Trainers;
using MlNetSegment.Clustering;
using MlNetSegment.Imaging;
using MlNetSegment.Sampling;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Clustering;

/// <summary>Probe C31a: K-means seeding for large K (k-means|| above 64 clusters, k-means++ up to 64).</summary>
public class KMeansFitterTests
{
    [Theory]
    [InlineData(100, 100)]
    [InlineData(300, 80)]
    [InlineData(1000, 256)]
    public void More_than_64_clusters_on_few_distinct_rows_are_fitted(int distinct, int clusters)
    {
        // ML.NET's k-means|| needs 10K + 1 distinct rows ("Failed to initialize clusters: too few examples"); a
        // posterised image has fewer, and keeps k-means++.
        var random = new Random(3);
        float[][] values = [.. Enumerable.Range(0, distinct).Select(_ => new[] { random.NextSingle(), random.NextSingle(), random.NextSingle() })];
        float[] features = [.. Enumerable.Range(0, 16_000).SelectMany(i => values[i % distinct])];

        KMeansFit fit = KMeansFitter.Fit(features, 3, clusters, seed: 0, maxIterations: 20, tolerance: 1e-7f, restarts: 2);

        Assert.Equal(clusters * 3, fit.Centroids.Length);
        Assert.All(fit.Centroids, c => Assert.True(float.IsFinite(c)));
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    [InlineData(256, true)]
    public void A_photo_sample_is_seeded_with_kmeans_parallel_above_64_clusters(int clusters, bool parallel)
    {
        // k-means++ costs K² passes' worth of distances: 21 s for one 16,000-row fit at K = 256, against 5 s with
        // k-means|| for the same error (README, "Fit"). Up to 64 nothing changes.
        float[] features = PhotoSample();

        Assert.Equal(
            parallel ? KMeansTrainer.InitializationAlgorithm.KMeansYinyang : KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            KMeansFitter.InitializationFor(features, 3, clusters));
        Assert.Equal(6, KMeansFitter.RunsNeeded(features, 3, clusters, 6));
    }

    [Fact]
    public void Rows_of_fewer_distinct_values_than_kmeans_parallel_draws_keep_kmeans_plus_plus()
    {
        float[] features = [.. PhotoSample().Take(3 * 2560)]; // at most 2,560 distinct rows: k-means|| needs 2,561 at K = 256

        Assert.Equal(KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus, KMeansFitter.InitializationFor(features, 3, 256));
    }

    [Fact]
    public void Rows_of_exactly_K_distinct_values_need_one_run()
    {
        // Every k-means++ run on them ends with one cluster per value: -k 256 on the probe's 256-colour 9 MP image
        // fitted six identical runs in 37 s, one in 4.4 s, with byte-identical output (measured; the suite's parallel
        // classes make a CLI time bound for it unreliable on a shared 2-core machine).
        float[] values = [.. PhotoSample().Take(3 * 100)];
        float[] features = [.. Enumerable.Range(0, 50).SelectMany(_ => values)];
        int distinct = features.Chunk(3).Select(r => (r[0], r[1], r[2])).Distinct().Count();

        Assert.Equal(1, KMeansFitter.RunsNeeded(features, 3, distinct, 6));
        Assert.Equal(6, KMeansFitter.RunsNeeded(features, 3, distinct - 1, 6));
    }

    private static float[] PhotoSample()
    {
        using var image = ImageLoader.Load(TestImages.Sample("coffee.png"));
        return ImageSample.FeaturesOf(ImageSample.Draw(image, 16_000, 0), ColorSpace.Hsv);
    }
}
