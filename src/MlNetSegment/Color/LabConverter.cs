namespace MlNetSegment.Color;

/// <summary>sRGB ↔ CIELAB under the D65 white point (the sRGB standard's), L in [0, 100].</summary>
internal static class LabConverter
{
    private const float WhiteX = 0.95047f;
    private const float WhiteY = 1.00000f;
    private const float WhiteZ = 1.08883f;
    private const float Epsilon = 216f / 24389f;
    private const float Kappa = 24389f / 27f;

    private static readonly float[] LinearTable = BuildLinearTable();

    /// <summary>Converts 8-bit sRGB to (L*, a*, b*).</summary>
    public static (float L, float A, float B) FromRgb(byte r, byte g, byte b)
    {
        float rl = LinearTable[r];
        float gl = LinearTable[g];
        float bl = LinearTable[b];
        float x = (0.4124564f * rl + 0.3575761f * gl + 0.1804375f * bl) / WhiteX;
        float y = (0.2126729f * rl + 0.7151522f * gl + 0.0721750f * bl) / WhiteY;
        float z = (0.0193339f * rl + 0.1191920f * gl + 0.9503041f * bl) / WhiteZ;
        float fx = F(x);
        float fy = F(y);
        float fz = F(z);
        return (116f * fy - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    /// <summary>Converts (L*, a*, b*) back to 8-bit sRGB, clamping colours outside the sRGB gamut.</summary>
    public static (byte R, byte G, byte B) ToRgb(float l, float a, float b)
    {
        float fy = (l + 16f) / 116f;
        float fx = fy + a / 500f;
        float fz = fy - b / 200f;
        float x = FInverse(fx) * WhiteX;
        float y = (l > Kappa * Epsilon ? fy * fy * fy : l / Kappa) * WhiteY;
        float z = FInverse(fz) * WhiteZ;
        float rl = 3.2404542f * x - 1.5371385f * y - 0.4985314f * z;
        float gl = -0.9692660f * x + 1.8760108f * y + 0.0415560f * z;
        float bl = 0.0556434f * x - 0.2040259f * y + 1.0572252f * z;
        return (HsvConverter.ToByte(Compand(rl)), HsvConverter.ToByte(Compand(gl)), HsvConverter.ToByte(Compand(bl)));
    }

    private static float F(float t) => t > Epsilon ? MathF.Cbrt(t) : (Kappa * t + 16f) / 116f;

    private static float FInverse(float f)
    {
        float cube = f * f * f;
        return cube > Epsilon ? cube : (116f * f - 16f) / Kappa;
    }

    private static float Compand(float linear)
    {
        float c = Math.Clamp(linear, 0f, 1f);
        return c <= 0.0031308f ? 12.92f * c : 1.055f * MathF.Pow(c, 1f / 2.4f) - 0.055f;
    }

    private static float[] BuildLinearTable()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            float c = i / 255f;
            table[i] = c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
        }

        return table;
    }
}
