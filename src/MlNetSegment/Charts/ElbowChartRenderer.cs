using System.Globalization;
using MlNetSegment.Segmentation;
using SkiaSharp;

namespace MlNetSegment.Charts;

/// <summary>Draws an elbow analysis: inertia (left axis) and silhouette (right axis) against K, with the suggested K marked.</summary>
internal static class ElbowChartRenderer
{
    private static readonly SKColor InertiaColor = new(31, 119, 180);
    private static readonly SKColor SilhouetteColor = new(214, 39, 40);

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> chart with axes, ticks, labels and a legend.</summary>
    public static SKBitmap Render(ElbowResult result, int width = 900, int height = 540)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 300);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);

        const float Left = 90;
        const float Right = 80;
        const float Top = 50;
        const float Bottom = 60;
        float plotW = width - Left - Right;
        float plotH = height - Top - Bottom;
        IReadOnlyList<ElbowPoint> points = result.Results;
        int kMin = points[0].K;
        int kMax = points[^1].K;
        double iMax = points.Max(p => p.Inertia);
        NiceAxis inertiaAxis = NiceAxis.For(0, iMax, 5);
        NiceAxis silhouetteAxis = NiceAxis.For(Math.Min(0, points.Min(p => p.Silhouette)), Math.Max(0.1, points.Max(p => p.Silhouette)), 5);
        float X(int k) => Left + (kMax == kMin ? plotW / 2 : (float)(k - kMin) / (kMax - kMin) * plotW);
        float YInertia(double v) => Top + plotH - (float)((v - inertiaAxis.Low) / (inertiaAxis.High - inertiaAxis.Low) * plotH);
        float YSilhouette(double v) => Top + plotH - (float)((v - silhouetteAxis.Low) / (silhouetteAxis.High - silhouetteAxis.Low) * plotH);

        using SKPaint axis = new() { Color = SKColors.Black, StrokeWidth = 1.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using SKPaint grid = new() { Color = new SKColor(225, 225, 225), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using SKPaint label = EmbeddedFont.TextPaint(SKColors.Black, 14);
        using SKPaint title = EmbeddedFont.TextPaint(SKColors.Black, 18);
        using SKPaint inertiaText = EmbeddedFont.TextPaint(InertiaColor, 14);
        using SKPaint silhouetteText = EmbeddedFont.TextPaint(SilhouetteColor, 14);

        canvas.DrawText($"Elbow analysis: suggested K = {result.SuggestedK}", Left, 30, title);

        // Ticks on round values: every K on x while they fit (else a round step), and at most five steps on each y axis.
        int kStep = kMax - kMin <= 20 ? 1 : (int)NiceAxis.For(kMin, kMax, 10).Step;
        for (int k = kMin; k <= kMax; k++)
        {
            if (k != kMin && k != kMax && k % kStep != 0)
            {
                continue;
            }

            float x = X(k);
            canvas.DrawLine(x, Top + plotH, x, Top + plotH + 5, axis);
            string text = k.ToString(CultureInfo.InvariantCulture);
            canvas.DrawText(text, x - (label.MeasureText(text) / 2), Top + plotH + 20, label);
        }

        foreach (double inertia in inertiaAxis.Ticks())
        {
            float y = YInertia(inertia);
            canvas.DrawLine(Left, y, Left + plotW, y, grid);
            string text = inertiaAxis.Step >= 1 ? inertia.ToString("N0", CultureInfo.InvariantCulture) : inertia.ToString("G6", CultureInfo.InvariantCulture);
            canvas.DrawText(text, Left - 8 - inertiaText.MeasureText(text), y + 5, inertiaText);
        }

        foreach (double silhouette in silhouetteAxis.Ticks())
        {
            canvas.DrawText(silhouette.ToString("0.0##", CultureInfo.InvariantCulture), Left + plotW + 8, YSilhouette(silhouette) + 5, silhouetteText);
        }

        canvas.DrawRect(Left, Top, plotW, plotH, axis);
        string xLabel = "K (number of clusters)";
        canvas.DrawText(xLabel, Left + (plotW / 2) - (label.MeasureText(xLabel) / 2), height - 15, label);
        DrawVertical(canvas, "inertia (sum of squared distances, sample)", 22, Top + (plotH / 2), inertiaText);
        DrawVertical(canvas, "silhouette", width - 20, Top + (plotH / 2), silhouetteText);

        // The suggested K.
        using SKPaint marker = new()
        {
            Color = new SKColor(90, 90, 90),
            StrokeWidth = 1.5f,
            Style = SKPaintStyle.Stroke,
            PathEffect = SKPathEffect.CreateDash([6, 4], 0),
        };
        float kx = X(result.SuggestedK);
        canvas.DrawLine(kx, Top, kx, Top + plotH, marker);
        canvas.DrawText($"K = {result.SuggestedK}", kx + 5, Top + 16, label);

        DrawSeries(canvas, points.Select(p => new SKPoint(X(p.K), YInertia(p.Inertia))).ToArray(), InertiaColor);
        DrawSeries(canvas, points.Select(p => new SKPoint(X(p.K), YSilhouette(p.Silhouette))).ToArray(), SilhouetteColor);
        return bitmap;
    }

    private static void DrawSeries(SKCanvas canvas, SKPoint[] points, SKColor color)
    {
        using var line = new SKPaint { Color = color, StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var dot = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawPoints(SKPointMode.Polygon, points, line);
        foreach (SKPoint p in points)
        {
            canvas.DrawCircle(p, 4, dot);
        }
    }

    private static void DrawVertical(SKCanvas canvas, string text, float x, float centerY, SKPaint paint)
    {
        canvas.Save();
        canvas.RotateDegrees(-90, x, centerY);
        canvas.DrawText(text, x - (paint.MeasureText(text) / 2), centerY, paint);
        canvas.Restore();
    }
}
