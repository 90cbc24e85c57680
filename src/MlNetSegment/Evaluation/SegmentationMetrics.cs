namespace MlNetSegment.Evaluation;

/// <summary>
/// The BSDS500 region metrics of a segmentation against one or several human annotations: Probabilistic Rand Index,
/// Variation of Information and Segmentation Covering, each computed from a <see cref="ContingencyTable"/>.
/// </summary>
internal static class SegmentationMetrics
{
    /// <summary>The metrics of <paramref name="segmentation"/> against one annotation.</summary>
    public static SegmentationScore Compare(ReadOnlySpan<int> segmentation, ReadOnlySpan<int> groundTruth) =>
        Compare(ContingencyTable.Build(segmentation, groundTruth));

    /// <summary>
    /// The mean of the metrics against each annotation: the mean Rand Index over annotators is the Probabilistic
    /// Rand Index (the pairwise agreement probability with the annotators' empirical label distribution).
    /// </summary>
    public static SegmentationScore Compare(ReadOnlySpan<int> segmentation, IReadOnlyList<int[]> groundTruths)
    {
        ArgumentNullException.ThrowIfNull(groundTruths);
        if (groundTruths.Count == 0)
        {
            throw new ArgumentException("At least one ground-truth segmentation is needed.", nameof(groundTruths));
        }

        var scores = new SegmentationScore[groundTruths.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Compare(segmentation, groundTruths[i]);
        }

        return SegmentationScore.Mean(scores);
    }

    /// <summary>The metrics from a contingency table (rows: segmentation, columns: ground truth).</summary>
    public static SegmentationScore Compare(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double n = table.Total;

        // Rand Index over the N(N−1)/2 pairs p < q: agreements = pairs together in both + pairs apart in both
        // = total + 2·Σ C(n_ij, 2) − Σ C(a_i, 2) − Σ C(b_j, 2). One pixel has no pairs: count it as full agreement.
        double pairs = n * (n - 1) / 2;
        double together = 0;
        foreach (ContingencyTable.Cell cell in table.Cells)
        {
            together += Pairs(cell.Count);
        }

        double rowPairs = table.RowTotals.Sum(Pairs);
        double columnPairs = table.ColumnTotals.Sum(Pairs);
        double randIndex = pairs == 0 ? 1 : (pairs + (2 * together) - rowPairs - columnPairs) / pairs;

        // VoI = H(S) + H(G) − 2 I(S; G), natural log. Summed in the cells' row-major order, as the dense table was.
        double hs = Entropy(table.RowTotals, n);
        double hg = Entropy(table.ColumnTotals, n);
        double mutual = 0;
        foreach (ContingencyTable.Cell cell in table.Cells)
        {
            double pij = cell.Count / n;
            mutual += pij * Math.Log(pij / (table.RowTotals[cell.Row] / n * (table.ColumnTotals[cell.Column] / n)));
        }

        double voi = Math.Max(0, hs + hg - (2 * mutual));

        // Covering of the ground truth by the segmentation: each ground-truth region R, weighted by its size, by the
        // best overlap |R ∩ R'| / |R ∪ R'| over segments R'.
        var best = new double[table.Columns];
        foreach (ContingencyTable.Cell cell in table.Cells)
        {
            double overlap = cell.Count / (double)(table.RowTotals[cell.Row] + table.ColumnTotals[cell.Column] - cell.Count);
            best[cell.Column] = Math.Max(best[cell.Column], overlap);
        }

        double covering = 0;
        for (var c = 0; c < table.Columns; c++)
        {
            covering += table.ColumnTotals[c] * best[c];
        }

        return new SegmentationScore(randIndex, voi, covering / n);
    }

    private static double Pairs(long count) => count * (count - 1.0) / 2;

    private static double Entropy(long[] totals, double n)
    {
        double h = 0;
        foreach (long t in totals)
        {
            if (t > 0)
            {
                double p = t / n;
                h -= p * Math.Log(p);
            }
        }

        return h;
    }
}
