using System.Globalization;

namespace MlNetSegment;

/// <summary>One palette colour in sRGB, 8 bits per channel.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct PaletteColor(byte R, byte G, byte B)
{
    /// <summary>The colour as "#rrggbb", lower case: the form model files, reports and <c>palette --colors</c> use.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <inheritdoc/>
    public override string ToString() => Hex;
}
