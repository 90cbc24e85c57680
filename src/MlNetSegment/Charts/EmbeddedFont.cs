using SkiaSharp;

namespace MlNetSegment.Charts;

/// <summary>
/// The typeface used for all text MlNetSegment draws: DejaVu Sans, embedded in the assembly, so captions render the
/// same on a machine with no fonts installed.
/// </summary>
internal static class EmbeddedFont
{
    private static readonly Lazy<SKTypeface> Typeface = new(Load);

    /// <summary>DejaVu Sans.</summary>
    public static SKTypeface Sans => Typeface.Value;

    /// <summary>A text paint in <paramref name="color"/> at <paramref name="size"/> pixels, antialiased.</summary>
    public static SKPaint TextPaint(SKColor color, float size) => new()
    {
        Typeface = Sans,
        TextSize = size,
        Color = color,
        IsAntialias = true,
        SubpixelText = false,
        LcdRenderText = false,
    };

    private static SKTypeface Load()
    {
        using Stream stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("MlNetSegment.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The embedded font could not be read.");
    }
}
