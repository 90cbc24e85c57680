using MlNetSegment.Imaging;
using MlNetSegment.Regions;
using MlNetSegment.Rendering;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Regions;

public class RegionSegmenterTests
{
    private const int Width = 160;

    private static readonly Rgba32[] BlockColors = [new(200, 40, 40), new(40, 160, 60), new(50, 60, 200), new(230, 210, 60)];

    // Four 40×40 flat blocks side by side with about 3% salt-and-pepper pixels, kept 3 pixels clear of the borders
    // between blocks: a noise pixel on a border may rightly be labelled as the neighbouring block and join its
    // region. (Side by side, because the per-channel median of a corner where four colours meet is a fifth colour.)
    private static Image<Rgba32> SaltyBlocks()
    {
        var random = new Random(3);
        var image = new Image<Rgba32>(Width, 40);
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double u = Math.Abs((x % 40) - 19.5) > 16 ? 1 : random.NextDouble();
                image[x, y] = u < 0.015 ? new Rgba32(255, 255, 255) : u < 0.03 ? new Rgba32(0, 0, 0) : BlockColors[x / 40];
            }
        }

        return image;
    }

    [Fact]
    public void Flat_blocks_with_salt_noise_become_exactly_the_blocks()
    {
        using Image<Rgba32> image = SaltyBlocks();
        RegionSegmentationResult result = RegionSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4 }, new RegionOptions());

        Assert.Equal(4, result.Regions.RegionCount);
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                Assert.Equal((x / 40) + 1, result.Regions.Ids[(y * Width) + x]);
            }
        }
    }

    [Fact]
    public void Every_region_has_one_cluster_and_renders_in_its_palette_colour()
    {
        using Image<Rgba32> image = ImageLoader.Load(TestImages.Sample("coffee.png"));
        RegionSegmentationResult result = RegionSegmenter.Segment(
            image, RegionSegmentationDefaults.KMeans, new RegionOptions());
        RegionMap regions = result.Regions;
        Assert.InRange(regions.RegionCount, 2, 200);

        using Image rendered = SegmentedImageRenderer.Render(result.Labels, result.Palette);
        using Image<Rgb24> rgb = rendered.CloneAs<Rgb24>();
        for (var y = 0; y < regions.Height; y++)
        {
            for (var x = 0; x < regions.Width; x++)
            {
                int i = (y * regions.Width) + x;
                byte cluster = regions.ClusterOfRegion[regions.Ids[i]];
                Assert.Equal(cluster, result.Labels.Labels[i]);
                Assert.Equal(result.Palette[cluster], rgb[x, y]);
            }
        }

        // Every region is at least the minimum size after the merges.
        long min = new RegionOptions().MinRegionPixelsFor((long)regions.Width * regions.Height);
        Assert.All(regions.CountPixels().Skip(1), size => Assert.True(size >= min));
    }

    [Fact]
    public void Transparent_pixels_get_region_0_and_stay_transparent_in_the_labels()
    {
        using Image<Rgba32> image = SaltyBlocks();
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                image[x, y] = new Rgba32(0, 0, 0, 0);
            }
        }

        RegionSegmentationResult result = RegionSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4 }, new RegionOptions());
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                int i = (y * Width) + x;
                Assert.Equal(x < 10, result.Regions.Ids[i] == 0);
                Assert.Equal(x < 10, result.Labels.IsTransparent(i));
            }
        }

        Assert.Equal(4, result.Regions.RegionCount);
    }

    [Fact]
    public void Options_out_of_range_are_refused_by_name()
    {
        using Image<Rgba32> image = SaltyBlocks();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            RegionSegmenter.Segment(image, new PaletteTrainingOptions(), new RegionOptions { MedianSize = 4 }));
        Assert.Equal("MedianSize", error.ParamName);
    }

    [Fact]
    public void An_image_that_splits_into_more_pieces_than_the_limit_is_refused_before_merging()
    {
        // The salty blocks make 4 blocks and, with the median filter off, a piece per salt pixel: well over 20.
        using Image<Rgba32> image = SaltyBlocks();
        var options = new RegionOptions { MedianSize = 0, MaxInitialRegions = 20 };
        var error = Assert.Throws<ImageLoadException>(() =>
            RegionSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4 }, options, "salty.png"));
        Assert.Equal(ImageProblem.TooFragmented, error.Problem);
        Assert.StartsWith("salty.png: too fragmented", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than 20 pieces", error.Message, StringComparison.Ordinal);

        // The same image under the default limit is segmented.
        Assert.Equal(4, RegionSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4 }, options with { MaxInitialRegions = RegionOptions.Defaults.MaxInitialRegions }).Regions.RegionCount);
    }
}
