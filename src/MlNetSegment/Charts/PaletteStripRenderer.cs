using System.Globalization;
using MlNetSegment.Models;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Charts;

/// <summary>
/// Draws a palette as a horizontal strip of swatches, each as wide as its share, with its hex code (and share, where
/// it fits) written on it in black or white, whichever reads better; optionally with a legend of every swatch below.
/// </summary>
internal static class PaletteStripRenderer
{
    /// <summary>Default strip size.</summary>
    public static class Defaults
    {
        /// <summary>Width in pixels.</summary>
        public const int Width = 1000;

        /// <summary>Height in pixels.</summary>
        public const int Height = 120;
    }

    /// <summary>
    /// The strip: swatches left to right by decreasing share (ties by index). Every colour gets at least 1 px, so
    /// tiny clusters stay visible.
    /// </summary>
    public static SKBitmap Render(IReadOnlyList<Rgb24> palette, IReadOnlyList<double> shares, int width = Defaults.Width, int height = Defaults.Height)
    {
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, palette.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        int[] order = [.. Enumerable.Range(0, palette.Count).OrderByDescending(i => shares[i]).ThenBy(i => i)];
        int[] widths = Widths(order.Select(i => shares[i]).ToArray(), width);
        float textSize = Math.Clamp(height / 6f, 9f, 22f);
        var x = 0;
        for (var n = 0; n < order.Length; n++)
        {
            Rgb24 color = palette[order[n]];
            using (var fill = new SKPaint { Color = new SKColor(color.R, color.G, color.B), IsAntialias = false })
            {
                canvas.DrawRect(x, 0, widths[n], height, fill);
            }

            using SKPaint text = EmbeddedFont.TextPaint(SkiaImages.ReadableTextColor(color), textSize);
            string hex = PaletteModelFile.ToHex(color);
            string share = shares[order[n]].ToString("P1", CultureInfo.InvariantCulture);
            if (text.MeasureText(hex) + 6 <= widths[n])
            {
                canvas.DrawText(hex, x + 3, (height / 2f) - 2, text);
                if (text.MeasureText(share) + 6 <= widths[n])
                {
                    canvas.DrawText(share, x + 3, (height / 2f) + textSize + 2, text);
                }
            }

            x += widths[n];
        }

        return bitmap;
    }

    /// <summary>
    /// The strip above a legend that names every swatch, in the strip's order: a square of its colour, its cluster
    /// index (as in <c>cluster-&lt;index&gt;.png</c> and the report), hex code and share. Narrow swatches have no room
    /// for text on the strip, so the legend is where each is read.
    /// </summary>
    public static SKBitmap RenderWithLegend(IReadOnlyList<Rgb24> palette, IReadOnlyList<double> shares, int width = Defaults.Width, int stripHeight = Defaults.Height)
    {
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentNullException.ThrowIfNull(shares);
        const int EntryWidth = 190;
        const int LineHeight = 24;
        const int Padding = 10;
        int perRow = Math.Max(1, (width - Padding) / EntryWidth);
        int rows = (palette.Count + perRow - 1) / perRow;
        int height = stripHeight + Padding + (rows * LineHeight) + Padding;
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using (SKBitmap strip = Render(palette, shares, width, stripHeight))
        {
            canvas.DrawBitmap(strip, 0, 0);
        }

        using SKPaint text = EmbeddedFont.TextPaint(new SKColor(30, 30, 30), 14);
        using var border = new SKPaint { Color = new SKColor(120, 120, 120), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false };
        int[] order = [.. Enumerable.Range(0, palette.Count).OrderByDescending(i => shares[i]).ThenBy(i => i)];
        for (var n = 0; n < order.Length; n++)
        {
            int cluster = order[n];
            Rgb24 color = palette[cluster];
            float left = Padding + (n % perRow * EntryWidth);
            float top = stripHeight + Padding + (n / perRow * LineHeight);
            using (var fill = new SKPaint { Color = new SKColor(color.R, color.G, color.B), IsAntialias = false })
            {
                canvas.DrawRect(left, top + 3, 16, 16, fill);
            }

            canvas.DrawRect(left, top + 3, 16, 16, border);
            string label = string.Create(
                CultureInfo.InvariantCulture,
                $"{cluster,3}  {PaletteModelFile.ToHex(color)}  {shares[cluster].ToString("P1", CultureInfo.InvariantCulture)}");
            canvas.DrawText(label, left + 22, top + 16, text);
        }

        return bitmap;
    }

    // Largest-remainder rounding: widths sum exactly to the strip width, each at least 1 px.
    private static int[] Widths(double[] shares, int total)
    {
        double sum = shares.Sum();
        int free = total - shares.Length;
        double[] exact = [.. shares.Select(s => sum > 0 ? s / sum * free : (double)free / shares.Length)];
        int[] widths = [.. exact.Select(e => 1 + (int)Math.Floor(e))];
        int left = total - widths.Sum();
        foreach (int i in Enumerable.Range(0, shares.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
        {
            widths[i]++;
        }

        return widths;
    }
}
