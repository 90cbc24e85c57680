using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;

namespace MlNetSegment.Charts;

/// <summary>
/// The one picture to look at after a run: original, segmented and boundaries side by side with captions, and the
/// palette strip underneath.
/// </summary>
internal static class ContactSheetRenderer
{
    /// <summary>Height of each panel unless told otherwise.</summary>
    public const int DefaultPanelHeight = 360;

    private const int Margin = 16;
    private const int CaptionHeight = 30;
    private const int StripHeight = 90;

    /// <summary>Widest panel, as a multiple of the panel height.</summary>
    private const int MaxPanelAspect = 4;

    /// <summary>Lays out the three panels at <paramref name="panelHeight"/> pixels high (aspect kept), captioned.</summary>
    public static SKBitmap Render(
        Image<Rgba32> original,
        Image<Rgba32> segmented,
        Image<Rgba32> boundaries,
        IReadOnlyList<Rgb24> palette,
        IReadOnlyList<double> shares,
        string segmentedCaption,
        int panelHeight = DefaultPanelHeight)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(segmented);
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelHeight, 32);

        (int panelWidth, panelHeight) = PanelSize(original.Width, original.Height, panelHeight);
        int width = (3 * panelWidth) + (4 * Margin);
        int height = Margin + CaptionHeight + panelHeight + Margin + CaptionHeight + StripHeight + Margin;
        var sheet = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(new SKColor(245, 245, 245));
        using SKPaint caption = EmbeddedFont.TextPaint(new SKColor(30, 30, 30), 18);
        using var smooth = new SKPaint { FilterQuality = SKFilterQuality.High, IsAntialias = true };
        (Image<Rgba32> Image, string Caption)[] panels = [(original, "original"), (segmented, segmentedCaption), (boundaries, "boundaries")];
        for (var i = 0; i < panels.Length; i++)
        {
            float left = Margin + (i * (panelWidth + Margin));
            canvas.DrawText(panels[i].Caption, left, Margin + CaptionHeight - 9, caption);
            // Shrink in ImageSharp first (its resize streams rows through a small window) so a 100-megapixel input
            // never gets full-size Skia copies: the sheet's memory is then the panels', not the input's.
            using Image<Rgba32> panel = ToPanelSize(panels[i].Image, panelWidth, panelHeight);
            using SKBitmap bitmap = SkiaImages.ToBitmap(panel);
            canvas.DrawBitmap(bitmap, new SKRect(left, Margin + CaptionHeight, left + panelWidth, Margin + CaptionHeight + panelHeight), smooth);
        }

        float stripTop = Margin + CaptionHeight + panelHeight + Margin;
        canvas.DrawText("palette (width = share of pixels)", Margin, stripTop + CaptionHeight - 9, caption);
        using SKBitmap strip = PaletteStripRenderer.Render(palette, shares, Math.Max(palette.Count, width - (2 * Margin)), StripHeight);
        canvas.DrawBitmap(strip, Margin, stripTop + CaptionHeight);
        return sheet;
    }

    /// <summary>
    /// The size of each panel for an image of this size: <paramref name="panelHeight"/> pixels high with the aspect
    /// kept, or, for an image wider than <see cref="MaxPanelAspect"/> to 1, <see cref="MaxPanelAspect"/> times that wide
    /// and as high as the aspect gives (at least 1). Before, a 1000 × 1 image made panels 360,000 pixels wide: a sheet
    /// of 600 million pixels, 4.8 GB and 30 s before Skia gave up (probe round 4).
    /// </summary>
    public static (int Width, int Height) PanelSize(int width, int height, int panelHeight = DefaultPanelHeight)
    {
        double aspect = (double)width / height;
        return aspect <= MaxPanelAspect
            ? (Math.Max(1, (int)Math.Round(aspect * panelHeight)), panelHeight)
            : (MaxPanelAspect * panelHeight, Math.Max(1, (int)Math.Round(MaxPanelAspect * panelHeight / aspect)));
    }

    private static Image<Rgba32> ToPanelSize(Image<Rgba32> image, int width, int height) =>
        image.Width <= 2 * width && image.Height <= 2 * height
            ? image.Clone()
            : image.Clone(c => c.Resize(2 * width, 2 * height, KnownResamplers.Box));
}
