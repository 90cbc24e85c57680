namespace MlNetSegment.Evaluation;

/// <summary>
/// Counts of pixels per (segment, ground-truth region) pair that occurs, with the row and column totals: everything
/// the region metrics need, so that they cost O(pairs) instead of O(pixels²). Labels may be any integers; only labels
/// that occur get a row or column, and only pairs that occur get a cell.
/// </summary>
internal sealed class ContingencyTable
{
    /// <summary>Most distinct (segment, region) pairs one table holds: about 200 MB while counting.</summary>
    public const int MaxPairs = 1 << 23;

    // Up to this many cells the table is counted densely (32 MB of longs); above, in a dictionary of the pairs that
    // occur, whose size the pixel count bounds. A dense table of 8,192 × 8,192 labels was 512 MB per annotator, and
    // evaluate with 24 annotators reached 2.65 GB (probe F6).
    private const long DenseCellLimit = 1 << 22;

    private ContingencyTable(Cell[] cells, int rows, int columns, long[] rowTotals, long[] columnTotals, long total)
    {
        Cells = cells;
        Rows = rows;
        Columns = columns;
        RowTotals = rowTotals;
        ColumnTotals = columnTotals;
        Total = total;
    }

    /// <summary>The pairs that occur, ordered by row then column, each with its pixel count.</summary>
    public IReadOnlyList<Cell> Cells { get; }

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
    /// <exception cref="ArgumentException">The lengths differ, the maps are empty, or they hold more than
    /// <see cref="MaxPairs"/> distinct label pairs.</exception>
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
        var rowTotals = new long[rows];
        var columnTotals = new long[columns];

        // Up to DenseCellLimit cells the pairs are counted in an array, above in a dictionary of the pairs that occur;
        // either way one update per run of equal pairs along the rows, not per pixel.
        long[]? dense = (long)rows * columns <= DenseCellLimit ? new long[rows * columns] : null;
        Dictionary<long, long>? sparse = dense is null ? [] : null;
        int lastS = segmentation[0];
        int lastG = groundTruth[0];
        int row = rowOf[lastS];
        int column = columnOf[lastG];
        long run = 0;
        for (var i = 0; i <= segmentation.Length; i++)
        {
            if (i < segmentation.Length && segmentation[i] == lastS && groundTruth[i] == lastG)
            {
                run++;
                continue;
            }

            long key = ((long)row * columns) + column;
            if (dense is not null)
            {
                dense[key] += run;
            }
            else
            {
                Add(sparse!, key, run);
            }

            rowTotals[row] += run;
            columnTotals[column] += run;
            if (i == segmentation.Length)
            {
                break;
            }

            (lastS, lastG) = (segmentation[i], groundTruth[i]);
            (row, column) = (rowOf[lastS], columnOf[lastG]);
            run = 1;
        }

        return new ContingencyTable(dense is not null ? CellsOf(dense, columns) : CellsOf(sparse!, columns), rows, columns, rowTotals, columnTotals, segmentation.Length);
    }

    // The non-zero cells of a dense table, in row-major order.
    private static Cell[] CellsOf(long[] counts, int columns)
    {
        var cells = new List<Cell>();
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0)
            {
                cells.Add(new Cell(k / columns, k % columns, counts[k]));
            }
        }

        return [.. cells];
    }

    // The cells of a sparse table, sorted into row-major order as a dense table gives them.
    private static Cell[] CellsOf(Dictionary<long, long> counts, int columns)
    {
        var cells = new Cell[counts.Count];
        var n = 0;
        foreach (var (key, count) in counts)
        {
            cells[n++] = new Cell((int)(key / columns), (int)(key % columns), count);
        }

        Array.Sort(cells, static (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return cells;
    }

    private static void Add(Dictionary<long, long> counts, long key, long run)
    {
        if (counts.TryGetValue(key, out long count))
        {
            counts[key] = count + run;
            return;
        }

        if (counts.Count >= MaxPairs)
        {
            // No parameter name: the message goes to users as it is (evaluate names the file in front of it).
            throw new ArgumentException($"the label maps hold more than {MaxPairs:N0} distinct label pairs, too many to score");
        }

        counts.Add(key, run);
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

    /// <summary>One (segment, ground-truth region) pair that occurs.</summary>
    /// <param name="Row">The segment's row.</param>
    /// <param name="Column">The ground-truth region's column.</param>
    /// <param name="Count">Pixels in both.</param>
    public readonly record struct Cell(int Row, int Column, long Count);
}
