using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Segmentation;

public class ImageSegmenterTests
{
    public static TheoryData<ColorSpace> Spaces => [ColorSpace.Hsv, ColorSpace.HsvLinear, ColorSpace.Rgb, ColorSpace.Lab];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Flat_colour_blocks_come_back_as_exactly_those_blocks(ColorSpace space)
    {
        // Noisy blocks so that there are more distinct colours than clusters and K-means really runs.
        Rgba32[] colors = TestImages.DistinctColors;
        using Image<Rgba32> image = TestImages.NoisyBlocks(colors, blockSize: 40, noise: 3, seed: 3);
        var options = new PaletteTrainingOptions { Clusters = colors.Length, ColorSpace = space, SamplePixels = 5_000 };

        SegmentationResult result = ImageSegmenter.Segment(image, options);

        LabelMap labels = result.Labels;
        var blockLabel = new int[colors.Length];
        for (var block = 0; block < colors.Length; block++)
        {
            blockLabel[block] = labels.Labels[block * 40];
        }

        Assert.Equal(colors.Length, blockLabel.Distinct().Count());
        for (var y = 0; y < labels.Height; y++)
        {
            ReadOnlySpan<byte> row = labels.GetRow(y);
            for (var x = 0; x < labels.Width; x++)
            {
                Assert.Equal(blockLabel[x / 40], row[x]);
            }
        }

        for (var block = 0; block < colors.Length; block++)
        {
            Rgb24 paletteColor = result.Model.SrgbPalette[blockLabel[block]];
            Assert.InRange(paletteColor.R, colors[block].R - 4, colors[block].R + 4);
            Assert.InRange(paletteColor.G, colors[block].G - 4, colors[block].G + 4);
            Assert.InRange(paletteColor.B, colors[block].B - 4, colors[block].B + 4);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_labels_and_palette_and_another_seed_may_differ()
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("chelsea.png"));
        var options = new PaletteTrainingOptions { Clusters = 8, Seed = 42 };

        SegmentationResult first = ImageSegmenter.Segment(image, options);
        SegmentationResult second = ImageSegmenter.Segment(image, options);

        Assert.Equal(first.Labels.Labels, second.Labels.Labels);
        Assert.Equal(first.Model.Palette, second.Model.Palette);
        Assert.Equal(first.Model.Centroids, second.Model.Centroids);
    }

    [Fact]
    public void Fewer_distinct_colours_than_K_lowers_K_and_says_so()
    {
        using Image<Rgba32> image = TestImages.Stripes(TestImages.DistinctColors[..3]);

        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 10 });

        Assert.Equal(3, result.Model.ClusterCount);
        Assert.Contains(result.Notices, n => n.Contains("3 distinct colour", StringComparison.Ordinal));
        Assert.Equal(3, result.Labels.Labels.Distinct().Count());
    }

    [Fact]
    public void A_single_colour_image_gets_one_cluster_of_that_colour()
    {
        using Image<Rgba32> image = TestImages.Stripes([new Rgba32(12, 34, 56)]);

        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4 });

        Assert.Equal(1, result.Model.ClusterCount);
        Assert.Equal(new Rgb24(12, 34, 56), result.Model.SrgbPalette[0]);
    }

    [Fact]
    public void Transparent_pixels_are_not_clustered_and_are_flagged()
    {
        using Image<Rgba32> image = TestImages.NoisyBlocks(TestImages.DistinctColors[..2], blockSize: 30, noise: 4, seed: 1);

        // Make the right half fully transparent, with a colour that would otherwise form its own cluster.
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                for (var x = 30; x < row.Length; x++)
                {
                    row[x] = new Rgba32(0, 255, 255, 0);
                }
            }
        });

        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 2 });

        Assert.True(result.Labels.HasTransparency);
        var (perCluster, transparent) = result.Labels.CountPixels();
        Assert.Equal(30 * 30, transparent);
        Assert.Equal(30 * 30, perCluster.Sum());
        Assert.DoesNotContain(result.Model.Palette, c => c.G > 200 && c.B > 200 && c.R < 50);
    }

    [Fact]
    public void An_image_with_no_opaque_pixel_is_refused_with_a_clear_problem()
    {
        using var image = new Image<Rgba32>(8, 8);

        var ex = Assert.Throws<ImageLoadException>(() => ImageSegmenter.Segment(image, new PaletteTrainingOptions(), "empty.png"));

        Assert.Equal(ImageProblem.NoOpaquePixels, ex.Problem);
        Assert.StartsWith("empty.png: no opaque pixels", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(257)]
    public void K_out_of_range_is_refused_naming_the_option(int k)
    {
        using Image<Rgba32> image = TestImages.Stripes(TestImages.DistinctColors);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = k }));

        Assert.Equal("Clusters", ex.ParamName);
    }

    [Fact]
    public void Noisy_red_stays_one_cluster_in_hsv_but_splits_at_the_hue_seam_in_hsv_linear()
    {
        // Red with noise has hues on both sides of 0°/360°.
        Rgba32[] colors = [new(220, 30, 30), new(40, 50, 210)];
        using Image<Rgba32> image = TestImages.NoisyBlocks(colors, blockSize: 40, noise: 4, seed: 5);

        int RedClusters(ColorSpace space, int k)
        {
            var result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = k, ColorSpace = space, SamplePixels = 2_000 });
            var labels = new HashSet<byte>();
            for (var y = 0; y < 40; y++)
            {
                foreach (byte label in result.Labels.GetRow(y)[..40])
                {
                    labels.Add(label);
                }
            }

            return labels.Count;
        }

        Assert.Equal(1, RedClusters(ColorSpace.Hsv, 2));

        // Given a spare cluster, hsv-linear spends it on cutting red at the seam.
        Assert.Equal(2, RedClusters(ColorSpace.HsvLinear, 3));
    }
}
