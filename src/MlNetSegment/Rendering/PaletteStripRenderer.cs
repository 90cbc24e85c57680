using System.Globalization;
using MlNetSegment.Models;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Rendering;

/// <summary>
/// Draws a palette as a horizontal strip of swatches, each as wide as its share, with its hex code (and share, where
/// it fits) written on it in black or white, whichever reads better.
/// </summary>
public static class PaletteStripRenderer
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
