using MlNetSegment.Color;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.MlNet;

/// <summary>
/// A palette as one float vector, the form in which a saved ML.NET pipeline carries it (in a value-mapping transform,
/// which ML.NET saves and loads itself): format version, colour space, K, then K sRGB colours, then K centroids.
/// </summary>
/// <remarks>Every value is a small integer or a feature in [-1, 1], all exact in a float.</remarks>
internal sealed class PaletteVector
{
    /// <summary>Version of this layout; a loaded vector of another version is refused.</summary>
    public const int FormatVersion = 1;

    private const int HeaderLength = 3;

    private PaletteVector(ColorSpace colorSpace, Rgb24[] palette, float[] centroids)
    {
        ColorSpace = colorSpace;
        Palette = palette;
        Centroids = centroids;
    }

    public ColorSpace ColorSpace { get; }

    public Rgb24[] Palette { get; }

    public float[] Centroids { get; }

    public int ClusterCount => Palette.Length;

    /// <summary>The vector of <paramref name="model"/>'s palette.</summary>
    public static float[] Encode(PaletteModel model)
    {
        int k = model.ClusterCount;
        var vector = new float[HeaderLength + (k * 3) + model.Centroids.Length];
        vector[0] = FormatVersion;
        vector[1] = (int)model.ColorSpace;
        vector[2] = k;
        for (var c = 0; c < k; c++)
        {
            Rgb24 colour = model.SrgbPalette[c];
            vector[HeaderLength + (c * 3)] = colour.R;
            vector[HeaderLength + (c * 3) + 1] = colour.G;
            vector[HeaderLength + (c * 3) + 2] = colour.B;
        }

        model.Centroids.CopyTo(vector, HeaderLength + (k * 3));
        return vector;
    }

    /// <summary>Reads a vector back, checking every field: a saved pipeline is a file, and files get damaged.</summary>
    /// <exception cref="InvalidDataException">The vector is not a palette of this version.</exception>
    public static PaletteVector Decode(ReadOnlySpan<float> vector)
    {
        if (vector.Length < HeaderLength || vector[0] != FormatVersion)
        {
            throw new InvalidDataException($"The pipeline's palette is not in format version {FormatVersion}.");
        }

        float space = vector[1];
        float k = vector[2];
        if (!Enum.IsDefined((ColorSpace)(int)space) || space != (int)space
            || k < 1 || k > PaletteTrainingOptions.MaxClusters || k != (int)k
            || vector.Length != HeaderLength + ((int)k * (3 + ColorFeatures.Dimensions)))
        {
            throw new InvalidDataException("The pipeline's palette is damaged.");
        }

        int clusters = (int)k;
        var palette = new Rgb24[clusters];
        for (var c = 0; c < clusters; c++)
        {
            ReadOnlySpan<float> rgb = vector.Slice(HeaderLength + (c * 3), 3);
            foreach (float channel in rgb)
            {
                if (channel is < 0 or > 255 || channel != (int)channel)
                {
                    throw new InvalidDataException("The pipeline's palette is damaged.");
                }
            }

            palette[c] = new Rgb24((byte)rgb[0], (byte)rgb[1], (byte)rgb[2]);
        }

        float[] centroids = vector[(HeaderLength + (clusters * 3))..].ToArray();
        if (centroids.Any(v => !float.IsFinite(v)))
        {
            throw new InvalidDataException("The pipeline's palette is damaged.");
        }

        return new PaletteVector((ColorSpace)(int)space, palette, centroids);
    }
}
