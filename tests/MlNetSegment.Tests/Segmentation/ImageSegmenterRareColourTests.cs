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
}
