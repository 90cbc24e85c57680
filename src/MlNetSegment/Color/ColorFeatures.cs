namespace MlNetSegment.Color;

/// <summary>
/// Turns an 8-bit sRGB colour into the clustering features of a <see cref="ColorSpace"/> and a centroid back
/// into an sRGB colour. Every space has <see cref="Dimensions"/> features.
/// </summary>
internal static class ColorFeatures
{
    /// <summary>Number of colour features in every space.</summary>
    public const int Dimensions = 3;

    /// <summary>Writes the features of (r, g, b) in <paramref name="space"/> to the first three slots of <paramref name="destination"/>.</summary>
    public static void ToFeatures(ColorSpace space, byte r, byte g, byte b, Span<float> destination)
    {
        switch (space)
        {
            case ColorSpace.Hsv:
            {
                var (h, s, v) = HsvConverter.FromRgb(r, g, b);
                float radians = h * (MathF.PI / 180f);
                (float sin, float cos) = MathF.SinCos(radians);
                destination[0] = s * cos;
                destination[1] = s * sin;
                destination[2] = v;
                break;
            }

            case ColorSpace.HsvLinear:
            {
                var (h, s, v) = HsvConverter.FromRgb(r, g, b);
                destination[0] = h / 360f;
                destination[1] = s;
                destination[2] = v;
                break;
            }

            case ColorSpace.Rgb:
                destination[0] = r / 255f;
                destination[1] = g / 255f;
                destination[2] = b / 255f;
                break;

            case ColorSpace.Lab:
            {
                var (l, a, bb) = LabConverter.FromRgb(r, g, b);
                destination[0] = l / 100f;
                destination[1] = a / 100f;
                destination[2] = bb / 100f;
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown colour space.");
        }
    }

    /// <summary>
    /// The sRGB colour of a point in feature space, such as a centroid. For <see cref="ColorSpace.Hsv"/> the hue is
    /// the angle of the (S·cos H, S·sin H) mean, that is the circular mean, and the saturation its length.
    /// </summary>
    public static (byte R, byte G, byte B) ToRgb(ColorSpace space, ReadOnlySpan<float> features)
    {
        switch (space)
        {
            case ColorSpace.Hsv:
            {
                float x = features[0];
                float y = features[1];
                float hue = MathF.Atan2(y, x) * (180f / MathF.PI);
                float saturation = MathF.Sqrt(x * x + y * y);
                return HsvConverter.ToRgb(hue, saturation, features[2]);
            }

            case ColorSpace.HsvLinear:
                return HsvConverter.ToRgb(Math.Clamp(features[0], 0f, 1f) * 360f, features[1], features[2]);

            case ColorSpace.Rgb:
                return (HsvConverter.ToByte(features[0]), HsvConverter.ToByte(features[1]), HsvConverter.ToByte(features[2]));

            case ColorSpace.Lab:
                return LabConverter.ToRgb(features[0] * 100f, features[1] * 100f, features[2] * 100f);

            default:
                throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown colour space.");
        }
    }

    /// <summary>The features of packed 0xRRGGBB colours, one row of <see cref="Dimensions"/> values per colour.</summary>
    public static float[] OfPackedColors(ColorSpace space, ReadOnlySpan<int> packedColors)
    {
        var features = new float[packedColors.Length * Dimensions];
        for (var i = 0; i < packedColors.Length; i++)
        {
            int c = packedColors[i];
            ToFeatures(space, (byte)(c >> 16), (byte)(c >> 8), (byte)c, features.AsSpan(i * Dimensions, Dimensions));
        }

        return features;
    }
}
