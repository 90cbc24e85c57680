using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

public class RegionsCommandTests
{
    [Fact]
    public void Segment_with_regions_writes_a_16_bit_region_map_and_each_region_has_one_palette_colour()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "segment", TestImages.Sample("coffee.png"), "--regions", "regions.png", "-o", "seg.png", "--labels", "labels.png");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{MlNetSegment.Regions.RegionSegmentationDefaults.Clusters} clusters", result.StdOut, StringComparison.Ordinal);
        using var regions = Image.Load<L16>(dir.File("regions.png"));
        using var segmented = Image.Load<Rgb24>(dir.File("seg.png"));
        Assert.Equal((600, 400), (regions.Width, regions.Height));
        var colourOfRegion = new Dictionary<ushort, Rgb24>();
        for (var y = 0; y < 400; y++)
        {
            for (var x = 0; x < 600; x++)
            {
                ushort id = regions[x, y].PackedValue;
                Assert.NotEqual(0, id);
                if (colourOfRegion.TryGetValue(id, out Rgb24 colour))
                {
                    Assert.Equal(colour, segmented[x, y]);
                }
                else
                {
                    colourOfRegion[id] = segmented[x, y];
                }
            }
        }

        // 1% minimum region size: at most 100 regions, ids 1..R without gaps.
        Assert.InRange(colourOfRegion.Count, 2, 100);
        Assert.Equal(Enumerable.Range(1, colourOfRegion.Count).Select(i => (ushort)i), colourOfRegion.Keys.Order());
    }

    [Theory]
    [InlineData("--median", "4")]
    [InlineData("--median", "1")]
    [InlineData("--min-region", "0")]
    [InlineData("--spatial-weight", "-1")]
    public void Invalid_regions_options_exit_2(string flag, string value)
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run(dir.Path, "segment", TestImages.Sample("coffee.png"), "--regions", "r.png", flag, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
