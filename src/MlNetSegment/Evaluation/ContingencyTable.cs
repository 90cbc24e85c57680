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

        // Labels are renumbered 0..n-1 in order of first appearance by two dictionaries, looked up only where the
        // label changes along the row: no renumbered copy of either map (800 MB at 100 MP).
        Dictionary<int, int> rowOf = Dense(segmentation);
        Dictionary<int, int> columnOf = Dense(groundTruth);
        int rows = rowOf.Count;
        int columns = columnOf.Count;
        if ((long)rows * columns > 1L << 26)
        {
            // No parameter name: the message goes to users as it is (evaluate names the file in front of it).
            throw new ArgumentException($"{rows:N0} × {columns:N0} labels make too large a contingency table (at most {1L << 26:N0} label pairs)");
        }

        var counts = new long[rows * columns];
        var rowTotals = new long[rows];
        var columnTotals = new long[columns];
        int lastS = segmentation[0];
        int lastG = groundTruth[0];
        int row = rowOf[lastS];
        int column = columnOf[lastG];
        for (var i = 0; i < segmentation.Length; i++)
        {
            if (segmentation[i] != lastS)
            {
                lastS = segmentation[i];
                row = rowOf[lastS];
            }

            if (groundTruth[i] != lastG)
            {
                lastG = groundTruth[i];
                column = columnOf[lastG];
            }

            counts[(row * columns) + column]++;
            rowTotals[row]++;
            columnTotals[column]++;
        }

        return new ContingencyTable(counts, rows, columns, rowTotals, columnTotals, segmentation.Length);
    }

    // Numbers the labels 0..n-1 in order of first appearance.
    private static Dictionary<int, int> Dense(ReadOnlySpan<int> labels)
    {
        var map = new Dictionary<int, int>();
        int last = labels[0];
        map.Add(last, 0);
        foreach (int label in labels)
        {
            if (label != last)
            {
                map.TryAdd(label, map.Count);
                last = label;
            }
        }

        return map;
    }
}
