using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Clustering;

public class LabellerTests
{
    [Fact]
    public void PredictedLabel_key_one_is_palette_index_zero_and_missing_is_refused()
    {
        Assert.Equal(0, Labeller.ToClusterIndex(1));
        Assert.Equal(255, Labeller.ToClusterIndex(256));
        Assert.Throws<InvalidOperationException>(() => Labeller.ToClusterIndex(0));
    }

    [Theory]
    [InlineData("coffee.png", ColorSpace.Hsv)]
    [InlineData("astronaut.png", ColorSpace.Lab)]
    [InlineData("rocket.jpg", ColorSpace.HsvLinear)]
    public void Distinct_colour_lookup_gives_the_same_labels_as_ML_NET_on_every_pixel(string sample, ColorSpace space)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample(sample));
        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 9, ColorSpace = space });

        // The straightforward path: one feature row per pixel through ML.NET's Transform.
        var features = new float[image.Width * image.Height * 3];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    ColorFeatures.ToFeatures(space, row[x].R, row[x].G, row[x].B, features.AsSpan(((y * image.Width) + x) * 3, 3));
                }
            }
        });
        byte[] perPixel = Labeller.PredictLabels(result.Model.Model, features, 3);

        Assert.Equal(perPixel, result.Labels.Labels);
    }

    [Fact]
    public void Each_cluster_colour_is_the_centroid_converted_back_to_sRGB()
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("chelsea.png"));
        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 5 });

        for (var c = 0; c < 5; c++)
        {
            var (r, g, b) = ColorFeatures.ToRgb(ColorSpace.Hsv, result.Model.Centroids.AsSpan(c * 3, 3));
            Assert.Equal(new Rgb24(r, g, b), result.Model.SrgbPalette[c]);
        }
    }
}
