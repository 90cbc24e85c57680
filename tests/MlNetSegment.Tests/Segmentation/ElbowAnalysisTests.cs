using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Segmentation;

public class ElbowAnalysisTests
{
    [Fact]
    public void Four_separated_colours_give_a_knee_at_four()
    {
        using Image<Rgba32> image = TestImages.NoisyBlocks(TestImages.DistinctColors[..4], blockSize: 60, noise: 3, seed: 9);

        ElbowResult result = ElbowAnalysis.Run(image, 2, 9, new PaletteTrainingOptions { SamplePixels = 5_000 });

        Assert.Equal(Enumerable.Range(2, 8), result.Results.Select(p => p.K));
        Assert.Equal(4, result.SuggestedK);
        Assert.True(result.Results.Single(p => p.K == 4).Silhouette > 0.8);
    }

    [Fact]
    public void Progress_hears_of_each_K_as_it_is_fitted_in_order()
    {
        using Image<Rgba32> image = TestImages.NoisyBlocks(TestImages.DistinctColors[..4], blockSize: 30, noise: 3, seed: 9);
        var heard = new List<ElbowPoint>();

        ElbowResult result = ElbowAnalysis.Run(image, 2, 6, new PaletteTrainingOptions { SamplePixels = 2_000 }, progress: new Recorder(heard.Add));

        Assert.Equal([2, 3, 4, 5, 6], heard.Select(p => p.K));
        Assert.Equal(result.Results, heard);
    }

    [Fact]
    public void The_silhouette_subsample_is_drawn_from_the_whole_image_not_its_top_rows()
    {
        // 10,000 rows in raster order, as the reservoir holds a small image: the first 5,000 are one colour (top
        // half), the rest another. Taking the first 1,500 rows would give only the top colour.
        const int Rows = 10_000;
        var features = new float[Rows * 3];
        for (var i = Rows / 2; i < Rows; i++)
        {
            features[i * 3] = 1;
        }

        float[] subsample = ElbowAnalysis.UniformRows(features, 3, 1_500, seed: 0);

        int bottom = Enumerable.Range(0, 1_500).Count(i => subsample[i * 3] == 1);
        Assert.InRange(bottom, 600, 900); // Binomial(1500, 0.5): mean 750, sd 19
        Assert.Equal(subsample, ElbowAnalysis.UniformRows(features, 3, 1_500, seed: 0));
    }

    [Fact]
    public void An_image_of_two_colours_suggests_two_with_a_note_instead_of_failing()
    {
        using Image<Rgba32> image = TestImages.Stripes([new Rgba32(255, 0, 0), new Rgba32(0, 0, 255)]);

        ElbowResult result = ElbowAnalysis.Run(image, 2, 16, new PaletteTrainingOptions());

        Assert.Equal(2, result.SuggestedK);
        Assert.Contains("only 2 distinct colour", result.Note, StringComparison.Ordinal);
    }

    private sealed class Recorder(Action<ElbowPoint> report) : IProgress<ElbowPoint>
    {
        public void Report(ElbowPoint value) => report(value);
    }

    [Fact]
    public void The_elbow_is_the_first_K_after_which_one_more_cluster_gains_under_20_percent()
    {
        ElbowPoint[] points = [new(2, 100, 0), new(3, 40, 0), new(4, 20, 0), new(5, 17, 0), new(6, 12, 0)];
        Assert.Equal(4, ElbowAnalysis.Knee(points));
        Assert.Equal(6, ElbowAnalysis.Knee([new(5, 100, 0), new(6, 50, 0)]));
    }

    [Fact]
    public void Silhouette_of_two_tight_far_apart_groups_is_near_one()
    {
        float[] features = [0, 0, 0, 0.01f, 0, 0, 1, 1, 1, 1, 1, 0.99f];
        byte[] labels = [0, 0, 1, 1];
        Assert.InRange(ElbowAnalysis.Silhouette(features, 3, labels, 2), 0.98, 1.0);
    }
}
