using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Segmentation;

public class ImageSegmenterRareColourTests
{
    [Fact]
    public void Colours_too_rare_to_reach_the_sample_still_get_their_clusters()
    {
        // 40,000 pixels of one colour and one pixel each of three others: a 1,000-pixel sample almost surely holds
        // only the main colour, which ML.NET's k-means++ cannot split into 4 clusters.
        using var image = new Image<Rgba32>(200, 200, new Rgba32(20, 120, 200, 255));
        image[0, 0] = new Rgba32(250, 10, 10, 255);
        image[100, 100] = new Rgba32(10, 250, 10, 255);
        image[199, 199] = new Rgba32(250, 250, 10, 255);

        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4, SamplePixels = 1_000, Restarts = 1 });

        Assert.Equal(4, result.Model.ClusterCount);
        Assert.Empty(result.Notices);
    }

    [Fact]
    public void A_colour_that_covers_the_image_keeps_its_own_exact_cluster_when_stray_colours_join_the_sample()
    {
        // 90,000 pixels of one colour and 20 stray pixels of random colours, K = 10: the sample holds a few strays at
        // most, so the image's distinct colours join it. Fitted on the 21 distinct colours alone, one row each, the
        // main colour weighed no more than a stray and was merged with two of them: the whole image came out #1b5fa3
        // instead of #2878c8.
        var main = new Rgba32(40, 120, 200, 255);
        using Image<Rgba32> image = WithStrays(300, 300, main, strays: 20, seed: 3);

        foreach (ColorSpace space in new[] { ColorSpace.Hsv, ColorSpace.HsvLinear, ColorSpace.Rgb, ColorSpace.Lab })
        {
            SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 10, ColorSpace = space });

            int[] pixels = new int[result.Model.ClusterCount];
            foreach (byte label in result.Labels.Labels)
            {
                pixels[label]++;
            }

            int largest = Array.IndexOf(pixels, pixels.Max());
            Assert.True(pixels[largest] >= 90_000 - 20, $"{space}: the main colour's cluster holds {pixels[largest]} pixels");
            Assert.Equal(new Rgb24(main.R, main.G, main.B), result.Model.SrgbPalette[largest]);
        }
    }

    [Fact]
    public void The_elbow_of_an_image_whose_sample_misses_colours_is_fitted_without_error()
    {
        // The elbow's sample holds fewer distinct colours than the largest K tried: ML.NET's k-means++ threw "Not
        // enough distinct instances" (probe round 6), and segment -k auto with it.
        using Image<Rgba32> image = WithStrays(300, 300, new Rgba32(40, 120, 200, 255), strays: 20, seed: 4);

        ElbowResult result = ElbowAnalysis.Run(image, 2, 16, ElbowAnalysis.Defaults.Options);

        Assert.Equal(Enumerable.Range(2, 15), result.Results.Select(p => p.K));
        Assert.InRange(result.SuggestedK, 2, 16);
    }

    private static Image<Rgba32> WithStrays(int width, int height, Rgba32 main, int strays, int seed)
    {
        var image = new Image<Rgba32>(width, height, main);
        var random = new Random(seed);
        for (var i = 0; i < strays; i++)
        {
            image[random.Next(width), random.Next(height)] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 255);
        }

        return image;
    }
}
