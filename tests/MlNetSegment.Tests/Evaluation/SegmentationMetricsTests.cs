using MlNetSegment.Evaluation;

namespace MlNetSegment.Tests.Evaluation;

public class SegmentationMetricsTests
{
    private static int[] RandomLabels(int n, int labels, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.Next(labels))];
    }

    [Fact]
    public void Identical_maps_score_PRI_1_VoI_0_Covering_1()
    {
        int[] map = RandomLabels(600, 5, 1);
        SegmentationScore score = SegmentationMetrics.Compare(map, map);
        Assert.Equal(1.0, score.RandIndex, 12);
        Assert.Equal(0.0, score.VoiNats, 12);
        Assert.Equal(1.0, score.Covering, 12);
    }

    [Fact]
    public void Scores_do_not_depend_on_how_labels_are_numbered()
    {
        int[] s = RandomLabels(500, 6, 2);
        int[] g = RandomLabels(500, 4, 3);
        int[] renamed = [.. s.Select(l => (l * 7919) - 40_000)];
        int[] renamedTruth = [.. g.Select(l => 65_535 - l)];
        SegmentationScore a = SegmentationMetrics.Compare(s, g);
        SegmentationScore b = SegmentationMetrics.Compare(renamed, renamedTruth);
        Assert.Equal(a.RandIndex, b.RandIndex, 12);
        Assert.Equal(a.VoiNats, b.VoiNats, 12);
        Assert.Equal(a.Covering, b.Covering, 12);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(1000)]
    public void One_region_against_two_equal_halves(int n)
    {
        int[] one = new int[n];
        int[] halves = [.. Enumerable.Range(0, n).Select(i => i < n / 2 ? 1 : 2)];
        SegmentationScore score = SegmentationMetrics.Compare(one, halves);
        Assert.Equal((n - 2.0) / (2.0 * (n - 1)), score.RandIndex, 12);
        Assert.Equal(Math.Log(2), score.VoiNats, 12);
        Assert.Equal(1.0, score.VoiBits, 12);

        // Each half is covered by the whole with IoU (N/2) / N.
        Assert.Equal(0.5, score.Covering, 12);
    }

    [Fact]
    public void Rand_index_matches_counting_every_pair()
    {
        int[] s = RandomLabels(120, 4, 4);
        int[] g = RandomLabels(120, 3, 5);
        double agree = 0;
        double pairs = 0;
        for (var p = 0; p < s.Length; p++)
        {
            for (int q = p + 1; q < s.Length; q++)
            {
                pairs++;
                agree += (s[p] == s[q]) == (g[p] == g[q]) ? 1 : 0;
            }
        }

        Assert.Equal(agree / pairs, SegmentationMetrics.Compare(s, g).RandIndex, 12);
    }

    [Fact]
    public void Covering_is_of_the_ground_truth_by_the_segmentation()
    {
        // Ground truth: one region. Segmentation: two halves. Best IoU of the one region is 1/2.
        int[] halves = [0, 0, 1, 1];
        int[] one = [5, 5, 5, 5];
        Assert.Equal(0.5, SegmentationMetrics.Compare(halves, one).Covering, 12);

        // Ground truth 3+1 pixels, segmentation 2+2: the big region's best IoU is 2/3, the small one's 1/2.
        SegmentationScore score = SegmentationMetrics.Compare([0, 0, 1, 1], [7, 7, 7, 8]);
        Assert.Equal(((3 * (2.0 / 3)) + (1 * 0.5)) / 4, score.Covering, 12);
    }

    [Fact]
    public void Several_annotators_average_the_scores()
    {
        int[] s = RandomLabels(300, 3, 6);
        int[] g1 = RandomLabels(300, 3, 7);
        int[] g2 = RandomLabels(300, 5, 8);
        SegmentationScore a = SegmentationMetrics.Compare(s, g1);
        SegmentationScore b = SegmentationMetrics.Compare(s, g2);
        SegmentationScore mean = SegmentationMetrics.Compare(s, [g1, g2]);
        Assert.Equal((a.RandIndex + b.RandIndex) / 2, mean.RandIndex, 12);
        Assert.Equal((a.VoiNats + b.VoiNats) / 2, mean.VoiNats, 12);
        Assert.Equal((a.Covering + b.Covering) / 2, mean.Covering, 12);
    }

    [Fact]
    public void Contingency_table_counts_pairs_of_labels()
    {
        ContingencyTable table = ContingencyTable.Build([3, 3, 9, 9, 9], [1, 2, 2, 2, 1]);
        Assert.Equal(2, table.Rows);
        Assert.Equal(2, table.Columns);
        Assert.Equal([new(0, 0, 1), new(0, 1, 1), new(1, 0, 1), new(1, 1, 2)], table.Cells);
        Assert.Equal([2L, 3], table.RowTotals);
        Assert.Equal([2L, 3], table.ColumnTotals);
        Assert.Equal(5, table.Total);
    }
}
