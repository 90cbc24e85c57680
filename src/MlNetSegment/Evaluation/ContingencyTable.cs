namespace MlNetSegment.Evaluation;

/// <summary>
/// Counts of pixels per (segment, ground-truth region) pair, with the row and column totals: everything the region
/// metrics need, so that they cost O(rows × columns) instead of O(pixels²). Labels may be any integers; only labels
/// that occur get a row or column.
/// </summary>
public sealed class ContingencyTable
{
    private ContingencyTable(long[] counts, int rows, int columns, long[] rowTotals, long[] columnTotals, long total)
    {
        Counts = counts;
        Rows = rows;
        Columns = columns;
        RowTotals = rowTotals;
        ColumnTotals = columnTotals;
        Total = total;
    }

    /// <summary>Counts, row-major: <c>Counts[r * Columns + c]</c> pixels are in segment r and ground-truth region c.</summary>
    public long[] Counts { get; }

    /// <summary>Number of distinct segmentation labels.</summary>
    public int Rows { get; }

    /// <summary>Number of distinct ground-truth labels.</summary>
    public int Columns { get; }

    /// <summary>Pixels per segment.</summary>
    public long[] RowTotals { get; }

    /// <summary>Pixels per ground-truth region.</summary>
    public long[] ColumnTotals { get; }

    /// <summary>Number of pixels.</summary>
    public long Total { get; }

    /// <summary>Builds the table of two label maps of equal length.</summary>
    public static ContingencyTable Build(ReadOnlySpan<int> segmentation, ReadOnlySpan<int> groundTruth)
    {
        if (segmentation.Length != groundTruth.Length)
        {
            throw new ArgumentException("Both label maps must have the same number of pixels.", nameof(groundTruth));
        }

        if (segmentation.IsEmpty)
        {
            throw new ArgumentException("The label maps are empty.", nameof(segmentation));
        }

        int[] s = Dense(segmentation, out int rows);
        int[] g = Dense(groundTruth, out int columns);
        if ((long)rows * columns > 1L << 26)
        {
            throw new ArgumentException($"{rows} × {columns} labels make too large a contingency table.", nameof(segmentation));
        }

        var counts = new long[rows * columns];
        var rowTotals = new long[rows];
        var columnTotals = new long[columns];
        for (var i = 0; i < s.Length; i++)
        {
            counts[(s[i] * columns) + g[i]]++;
            rowTotals[s[i]]++;
            columnTotals[g[i]]++;
        }

        return new ContingencyTable(counts, rows, columns, rowTotals, columnTotals, s.Length);
    }

    // Renumbers labels 0..n-1 in order of first appearance.
    private static int[] Dense(ReadOnlySpan<int> labels, out int count)
    {
        var dense = new int[labels.Length];
        var map = new Dictionary<int, int>();
        int last = int.MinValue;
        int lastDense = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label != last)
            {
                if (!map.TryGetValue(label, out lastDense))
                {
                    lastDense = map.Count;
                    map.Add(label, lastDense);
                }

                last = label;
            }

            dense[i] = lastDense;
        }

        count = map.Count;
        return dense;
    }
}
