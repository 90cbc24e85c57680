using MlNetSegment.Color;
using MlNetSegment.Regions;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Regions;

public class RegionMergerTests
{
    private static (RegionGraph Graph, int[] Ids) Build(byte[] labels, Rgba32[] pixels, int width, int height)
    {
        var (ids, count) = ConnectedRegions.Label(labels, width, height);
        return (RegionGraph.Build(ids, count, width, height, pixels, ColorSpace.Rgb), ids);
    }

    [Theory]
    [InlineData(SmallRegionMergeRule.LongestBorder)]
    [InlineData(SmallRegionMergeRule.ClosestColor)]
    public void A_three_pixel_island_merges_into_the_region_around_it(SmallRegionMergeRule rule)
    {
        const int W = 8;
        const int H = 6;
        var labels = new byte[W * H];
        var pixels = Enumerable.Repeat(new Rgba32(10, 10, 10), W * H).ToArray();
        foreach (int i in new[] { (2 * W) + 3, (2 * W) + 4, (3 * W) + 3 })
        {
            labels[i] = 1;
            pixels[i] = new Rgba32(250, 250, 250);
        }

        var (graph, ids) = Build(labels, pixels, W, H);
        Assert.Equal(2, graph.LiveCount);
        Assert.Equal(2 + 3 + 3, graph.NeighboursOf(1)[2]); // 4-neighbour pairs around the L-shaped island.

        RegionMerger.MergeSmall(graph, minPixels: 4, rule);

        Assert.Equal(1, graph.LiveCount);
        Assert.All(ids, id => Assert.Equal(1, graph.Find(id)));
        Assert.Equal(W * H, graph.SizeOf(1));
    }

    [Fact]
    public void A_small_region_goes_to_the_neighbour_with_the_longer_border_or_the_closer_colour()
    {
        // A (cols 0-2, black) | strip S (col 3, grey 200) | C (cols 4-6, rows 0-1, black) over B (cols 4-6, rows 2-3,
        // grey 210). S shares 4 pixel pairs with A, 2 with B and 2 with C; only S is below 5 pixels.
        const int W = 7;
        const int H = 4;
        var labels = new byte[W * H];
        var pixels = new Rgba32[W * H];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                (labels[(y * W) + x], pixels[(y * W) + x]) = (x, y) switch
                {
                    ( < 3, _) => ((byte)0, new Rgba32(0, 0, 0)),
                    (3, _) => ((byte)1, new Rgba32(200, 200, 200)),
                    (_, < 2) => ((byte)3, new Rgba32(0, 0, 0)),
                    _ => ((byte)2, new Rgba32(210, 210, 210)),
                };
            }
        }

        var (byBorder, ids) = Build(labels, pixels, W, H);
        int a = ids[0];
        int strip = ids[3];
        int b = ids[(3 * W) + 6];
        Assert.Equal(4, byBorder.NeighboursOf(strip)[a]);
        Assert.Equal(2, byBorder.NeighboursOf(strip)[b]);
        RegionMerger.MergeSmall(byBorder, minPixels: 5, SmallRegionMergeRule.LongestBorder);
        Assert.Equal(3, byBorder.LiveCount);
        Assert.Equal(a, byBorder.Find(strip));

        var (byColor, _) = Build(labels, pixels, W, H);
        RegionMerger.MergeSmall(byColor, minPixels: 5, SmallRegionMergeRule.ClosestColor);
        Assert.Equal(3, byColor.LiveCount);
        Assert.Equal(b, byColor.Find(strip));
    }

    [Fact]
    public void Colour_merge_joins_near_identical_neighbours_and_keeps_distinct_ones()
    {
        // Three vertical bands: 100, 104 (near-identical), then 220.
        const int W = 9;
        const int H = 3;
        var labels = new byte[W * H];
        var pixels = new Rgba32[W * H];
        for (var i = 0; i < labels.Length; i++)
        {
            int band = i % W / 3;
            labels[i] = (byte)band;
            byte v = band switch { 0 => 100, 1 => 104, _ => 220 };
            pixels[i] = new Rgba32(v, v, v);
        }

        var (graph, ids) = Build(labels, pixels, W, H);
        RegionMerger.MergeSimilar(graph, threshold: 0.10);

        Assert.Equal(2, graph.LiveCount);
        Assert.Equal(graph.Find(ids[0]), graph.Find(ids[3]));
        Assert.NotEqual(graph.Find(ids[0]), graph.Find(ids[6]));
        Assert.Equal(18, graph.SizeOf(graph.Find(ids[0])));
    }
}
