using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Regions;

/// <summary>
/// The median-filtered image, produced band by band on demand instead of held whole: at 100 megapixels a filtered
/// copy is 400 MB, which with the decoded image, labels and region ids would take the regions pipeline past its
/// 2 GB budget (and a refusal past 1 GB). Each use filters its bands again; the filter costs far less than the merges.
/// </summary>
internal sealed class FilteredPixels(Rgba32[] original, int width, int height, int medianSize)
{
    /// <summary>Rows per band: a few megabytes at the widest images, enough rows to share among the cores.</summary>
    public const int BandRows = 64;

    public int Width => width;

    public int Height => height;

    /// <summary>The number of bands of <see cref="BandRows"/> rows.</summary>
    public int BandCount => (height + BandRows - 1) / BandRows;

    /// <summary>A buffer for one band plus <paramref name="extraRows"/> rows.</summary>
    public Rgba32[] NewBand(int extraRows = 0) => new Rgba32[(BandRows + extraRows) * width];

    /// <summary>Fills <paramref name="band"/> with rows from <paramref name="firstRow"/> on, as many as fit and exist; returns how many.</summary>
    public int Fill(int firstRow, Rgba32[] band, bool parallel)
    {
        int rows = Math.Min(band.Length / width, height - firstRow);
        if (medianSize <= 1)
        {
            original.AsSpan(firstRow * width, rows * width).CopyTo(band);
        }
        else if (parallel)
        {
            MedianFilter.ApplyRows(original, width, height, medianSize, firstRow, rows, band);
        }
        else
        {
            MedianFilter.ApplyRowsOnThisThread(original, width, height, medianSize, firstRow, rows, band);
        }

        return rows;
    }

    /// <summary>The filtered pixel at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Rgba32 At(int x, int y) =>
        medianSize <= 1 ? original[(y * width) + x] : MedianFilter.At(original, width, height, medianSize, x, y);
}
