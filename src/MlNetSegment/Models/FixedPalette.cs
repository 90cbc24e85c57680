using System.Globalization;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Models;

/// <summary>
/// Palette models made from colours a user gives (brand colours, paints, threads), not learnt: every pixel then maps
/// to the nearest given colour, as ImageMagick's <c>-remap</c> and pngquant's fixed palettes do.
/// </summary>
/// <remarks>
/// The model is still an ML.NET K-means model, so that <c>apply</c>, the model file and its checks treat it like any
/// other: K-means with K clusters on exactly K distinct rows converges to those rows (k-means++ never picks a row twice
/// and each cluster holds one row), and the result is checked to be exactly the given colours. Every colour space's
/// conversion round-trips all 2^24 colours exactly (checked when this was written), so the palette is the given
/// colours bit for bit. The cluster order is the one ML.NET's seeded initialisation picks.
/// </remarks>
internal static class FixedPalette
{
    /// <summary>Most distinct colours an image given as a palette may hold.</summary>
    public const int MaxColors = PaletteTrainingOptions.MaxClusters;

    /// <summary>Parses "#rrggbb" or "#rgb" (the '#' optional) into 0xRRGGBB.</summary>
    /// <exception cref="ArgumentException">Not a colour.</exception>
    public static int ParseHex(string text)
    {
        string hex = text.Trim().TrimStart('#');
        if (hex.Length == 3)
        {
            hex = string.Concat(hex.Select(c => new string(c, 2)));
        }

        if (hex.Length != 6 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int packed))
        {
            throw new ArgumentException($"'{text.Trim()}' is not a colour (use #rrggbb or #rgb)", nameof(text));
        }

        return packed;
    }

    /// <summary>A model whose palette is exactly <paramref name="packedColors"/> (0xRRGGBB, distinct, 2 to 256).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 colours, more than 256, or one given twice.</exception>
    public static PaletteModel FromPacked(IReadOnlyList<int> packedColors, ColorSpace colorSpace)
    {
        ArgumentNullException.ThrowIfNull(packedColors);
        var seen = new HashSet<int>();
        foreach (int packed in packedColors)
        {
            if (!seen.Add(packed))
            {
                throw new ArgumentException($"colour {Hex(packed)} is given twice", nameof(packedColors));
            }
        }

        if (packedColors.Count is < PaletteTrainingOptions.MinClusters or > PaletteTrainingOptions.MaxClusters)
        {
            throw new ArgumentException(
                $"a palette needs {PaletteTrainingOptions.MinClusters} to {PaletteTrainingOptions.MaxClusters} colours, got {packedColors.Count}",
                nameof(packedColors));
        }

        int k = packedColors.Count;
        float[] features = ColorFeatures.OfPackedColors(colorSpace, [.. packedColors]);
        var options = new PaletteTrainingOptions { Clusters = k, ColorSpace = colorSpace, Seed = 0, Restarts = 1, MaxIterations = 2 };
        PaletteModel model = PaletteModelFitter.Fit(features, k, imageCount: 0, options);
        var palette = model.Palette.Select(c => (c.R << 16) | (c.G << 8) | c.B).ToHashSet();
        if (!palette.SetEquals(seen))
        {
            // Cannot happen by the argument above; if a future ML.NET breaks it, say so rather than remap wrongly.
            throw new InvalidOperationException("ML.NET's K-means did not reproduce the given colours exactly.");
        }

        return model;
    }

    /// <summary>A model of the distinct colours of the opaque pixels of the image at <paramref name="path"/>.</summary>
    /// <exception cref="ImageLoadException">The image cannot be read.</exception>
    /// <exception cref="InvalidOperationException">It holds fewer than 2 or more than 256 colours.</exception>
    public static PaletteModel FromImage(string path, ColorSpace colorSpace, ImageLimits? limits = null)
    {
        using Image<Rgba32> image = ImageLoader.Load(path, limits);
        var (colors, _) = DistinctColors.Find(image);
        if (colors.Length > MaxColors)
        {
            throw new InvalidOperationException($"{path}: has {colors.Length:N0} distinct colours; a palette image may hold at most {MaxColors}");
        }

        if (colors.Length < PaletteTrainingOptions.MinClusters)
        {
            throw new InvalidOperationException($"{path}: has {colors.Length} distinct opaque colour(s); a palette needs at least {PaletteTrainingOptions.MinClusters}");
        }

        return FromPacked(colors, colorSpace);
    }

    private static string Hex(int packed) => string.Create(CultureInfo.InvariantCulture, $"#{packed:x6}");
}
