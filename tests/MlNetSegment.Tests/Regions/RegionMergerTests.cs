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
    [InlineData(nameof(SmallRegionMergeRule.LongestBorder))]
    [InlineData(nameof(SmallRegionMergeRule.ClosestColor))]
    public void A_three_pixel_island_merges_into_the_region_around_it(string ruleName)
    {
        SmallRegionMergeRule rule = Enum.Parse<SmallRegionMergeRule>(ruleName);
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

    // Three bands of one grey level each, left to right: A | B | C, each 3 columns wide, 4 rows.
    private static (RegionGraph Graph, int[] Ids) Bands(byte a, byte b, byte c, int width = 9, int height = 4)
    {
        var labels = new byte[width * height];
        var pixels = new Rgba32[width * height];
        int band = width / 3;
        for (var i = 0; i < labels.Length; i++)
        {
            int which = Math.Min(2, i % width / band);
            labels[i] = (byte)which;
            byte v = which switch { 0 => a, 1 => b, _ => c };
            pixels[i] = new Rgba32(v, v, v);
        }

        return Build(labels, pixels, width, height);
    }

    [Fact]
    public void Border_step_is_the_mean_colour_difference_of_the_pixel_pairs_across_the_border()
    {
        // A 4×2 image: the left column pair steps 0.4 in RGB features (102 grey levels), the right one 0.2 (51).
        const int W = 4;
        const int H = 2;
        byte[] labels = [0, 0, 1, 1, 0, 0, 1, 1];
        Rgba32[] pixels =
        [
            new(0, 0, 0), new(0, 0, 0), new(102, 0, 0), new(102, 0, 0),
            new(0, 0, 0), new(51, 0, 0), new(102, 0, 0), new(102, 0, 0),
        ];

        var (graph, ids) = Build(labels, pixels, W, H);

        Assert.Equal(2, graph.NeighboursOf(ids[0])[ids[2]]);
        Assert.Equal((0.4 + 0.2) / 2, graph.BorderStep(ids[0], ids[2]), 1e-6);
        Assert.Equal(graph.BorderStep(ids[0], ids[2]), graph.BorderStep(ids[2], ids[0]));
        Assert.Equal(W * H, graph.TotalPixels);
    }

    [Fact]
    public void Border_step_adds_up_when_regions_merge()
    {
        // 0 | 51 | 102 grey: A–B and B–C step 0.2 on each RGB feature; after B joins A, the A–C border is B's old B–C
        // border.
        var (graph, ids) = Bands(0, 51, 102);
        int a = ids[0];
        int b = ids[3];
        int c = ids[6];

        graph.Merge(b, a);

        Assert.Equal(4, graph.NeighboursOf(a)[c]);
        Assert.Equal(0.2 * Math.Sqrt(3), graph.BorderStep(a, c), 1e-6);
        Assert.Equal(0, graph.BorderStep(a, b));
    }

    [Fact]
    public void The_border_term_keeps_a_pair_with_a_sharp_edge_apart_that_colour_alone_would_merge()
    {
        // A and B (grey 100 and 110) are 0.068 apart in mean RGB features, under the 0.10 threshold; the step across
        // the edge between them is the whole 0.068.
        var (colourOnly, ids) = Bands(100, 110, 250);
        RegionMerger.MergeAdjacent(colourOnly, new AdjacentMergeCriteria(Threshold: 0.10));
        Assert.Equal(colourOnly.Find(ids[0]), colourOnly.Find(ids[3]));

        // With λ = 1 the weight is 0.068 + 0.068 = 0.136, above the threshold.
        var (withBorder, _) = Bands(100, 110, 250);
        RegionMerger.MergeAdjacent(withBorder, new AdjacentMergeCriteria(Threshold: 0.10, BorderWeight: 1));
        Assert.Equal(3, withBorder.LiveCount);
    }

    [Fact]
    public void A_weak_border_merges_first_even_when_the_mean_colours_are_further_apart()
    {
        // Left pair: grey 0 | 40, a 40-level edge. Right pair: a ramp 150, 170, 190 | 210, 230, 250, whose means are
        // 60 levels apart but whose neighbouring pixels differ by 20. Colour alone picks the left pair, λ = 4 the ramp.
        const int W = 10;
        const int H = 2;
        byte[] row = [0, 0, 40, 40, 150, 170, 190, 210, 230, 250];
        byte[] clusters = [0, 0, 1, 1, 2, 2, 2, 3, 3, 3];
        var labels = new byte[W * H];
        var pixels = new Rgba32[W * H];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = clusters[i % W];
            pixels[i] = new Rgba32(row[i % W], row[i % W], row[i % W]);
        }

        var (colourOnly, ids) = Build(labels, pixels, W, H);
        RegionMerger.MergeAdjacent(colourOnly, new AdjacentMergeCriteria(Threshold: 0, MaxRegions: 3));
        Assert.Equal(colourOnly.Find(ids[0]), colourOnly.Find(ids[2]));
        Assert.NotEqual(colourOnly.Find(ids[4]), colourOnly.Find(ids[7]));

        var (withBorder, _) = Build(labels, pixels, W, H);
        RegionMerger.MergeAdjacent(withBorder, new AdjacentMergeCriteria(Threshold: 0, BorderWeight: 4, MaxRegions: 3));
        Assert.Equal(withBorder.Find(ids[4]), withBorder.Find(ids[7]));
        Assert.NotEqual(withBorder.Find(ids[0]), withBorder.Find(ids[2]));
    }

    [Fact]
    public void The_size_aware_weight_merges_a_small_region_before_two_large_ones_of_the_same_colour_step()
    {
        // A 2-column strip of 80 next to a 20-column block of 100 and a 20-column block of 120: both pairs step
        // 20 grey levels, but the strip is small, so its pair weighs less and goes first.
        const int W = 42;
        const int H = 2;
        var labels = new byte[W * H];
        var pixels = new Rgba32[W * H];
        for (var i = 0; i < labels.Length; i++)
        {
            int x = i % W;
            (labels[i], byte v) = x < 2 ? ((byte)0, (byte)80) : x < 22 ? ((byte)1, (byte)100) : ((byte)2, (byte)120);
            pixels[i] = new Rgba32(v, v, v);
        }

        var (graph, ids) = Build(labels, pixels, W, H);
        var criteria = new AdjacentMergeCriteria(Threshold: 0.05, SizeAware: true);
        double small = criteria.Weight(graph, ids[0], ids[2]);
        double large = criteria.Weight(graph, ids[2], ids[22]);
        Assert.True(small < large);
        Assert.Equal(graph.ColorDistance(ids[0], ids[2]) * Math.Sqrt(4.0 * 40 / 44 / (W * H)), small, 1e-9);

        RegionMerger.MergeAdjacent(graph, criteria);

        // The strip's weight (≈ 0.028) is under 0.05; the blocks' (≈ 0.066 before, ≈ 0.074 after) is not.
        Assert.Equal(2, graph.LiveCount);
        Assert.Equal(graph.Find(ids[0]), graph.Find(ids[2]));
    }

    [Fact]
    public void A_region_floor_stops_the_merge_and_a_cap_forces_it_on()
    {
        var (floored, _) = Bands(100, 104, 108);
        RegionMerger.MergeAdjacent(floored, new AdjacentMergeCriteria(Threshold: 0.10, MinRegions: 2));
        Assert.Equal(2, floored.LiveCount);

        var (capped, ids) = Bands(0, 120, 250);
        RegionMerger.MergeAdjacent(capped, new AdjacentMergeCriteria(Threshold: 0.10, MaxRegions: 2));
        Assert.Equal(2, capped.LiveCount);
        Assert.Equal(capped.Find(ids[0]), capped.Find(ids[3])); // 0–120 is the closer pair.
    }
}
