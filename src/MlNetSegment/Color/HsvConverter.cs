namespace MlNetSegment.Color;

/// <summary>sRGB ↔ HSV, with hue in degrees [0, 360) and saturation and value in [0, 1].</summary>
internal static class HsvConverter
{
    /// <summary>Converts 8-bit sRGB to (hue°, saturation, value). Greys get hue 0.</summary>
    public static (float Hue, float Saturation, float Value) FromRgb(byte r, byte g, byte b)
    {
        int max = Math.Max(r, Math.Max(g, b));
        int min = Math.Min(r, Math.Min(g, b));
        float value = max / 255f;
        if (max == 0)
        {
            return (0f, 0f, 0f);
        }

        int delta = max - min;
        float saturation = delta / (float)max;
        if (delta == 0)
        {
            return (0f, 0f, value);
        }

        float hue;
        if (max == r)
        {
            hue = 60f * (g - b) / delta;
            if (hue < 0f)
            {
                hue += 360f;
            }
        }
        else if (max == g)
        {
            hue = 60f * (b - r) / delta + 120f;
        }
        else
        {
            hue = 60f * (r - g) / delta + 240f;
        }

        return (hue >= 360f ? hue - 360f : hue, saturation, value);
    }

    /// <summary>Converts (hue°, saturation, value) back to 8-bit sRGB; out-of-range inputs are clamped.</summary>
    public static (byte R, byte G, byte B) ToRgb(float hue, float saturation, float value)
    {
        float s = Math.Clamp(saturation, 0f, 1f);
        float v = Math.Clamp(value, 0f, 1f);
        float h = hue % 360f;
        if (h < 0f)
        {
            h += 360f;
        }

        float c = v * s;
        float hp = h / 60f;
        float x = c * (1f - Math.Abs(hp % 2f - 1f));
        (float r1, float g1, float b1) = (int)hp switch
        {
            0 => (c, x, 0f),
            1 => (x, c, 0f),
            2 => (0f, c, x),
            3 => (0f, x, c),
            4 => (x, 0f, c),
            _ => (c, 0f, x),
        };
        float m = v - c;
        return (ToByte(r1 + m), ToByte(g1 + m), ToByte(b1 + m));
    }

    internal static byte ToByte(float unit) => (byte)Math.Clamp((int)MathF.Round(unit * 255f), 0, 255);
}
