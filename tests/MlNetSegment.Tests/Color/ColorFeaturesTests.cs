using MlNetSegment.Color;

namespace MlNetSegment.Tests.Color;

public class ColorFeaturesTests
{
    [Theory]
    [InlineData(255, 0, 0, 0f, 1f, 1f)]
    [InlineData(0, 255, 0, 120f, 1f, 1f)]
    [InlineData(0, 0, 255, 240f, 1f, 1f)]
    [InlineData(255, 255, 0, 60f, 1f, 1f)]
    [InlineData(255, 0, 255, 300f, 1f, 1f)]
    [InlineData(128, 128, 128, 0f, 0f, 0.50196f)]
    [InlineData(0, 0, 0, 0f, 0f, 0f)]
    [InlineData(255, 128, 0, 30.118f, 1f, 1f)]
    public void Hsv_matches_known_values(byte r, byte g, byte b, float hue, float saturation, float value)
    {
        var (h, s, v) = HsvConverter.FromRgb(r, g, b);
        Assert.Equal(hue, h, 0.01f);
        Assert.Equal(saturation, s, 0.0001f);
        Assert.Equal(value, v, 0.0001f);
    }

    [Theory]
    [InlineData(255, 255, 255, 100f, 0f, 0f)]
    [InlineData(255, 0, 0, 53.24f, 80.09f, 67.20f)]
    [InlineData(0, 0, 255, 32.30f, 79.19f, -107.86f)]
    [InlineData(0, 0, 0, 0f, 0f, 0f)]
    public void Lab_matches_known_values(byte r, byte g, byte b, float l, float a, float bb)
    {
        var (actualL, actualA, actualB) = LabConverter.FromRgb(r, g, b);
        Assert.Equal(l, actualL, 0.05f);
        Assert.Equal(a, actualA, 0.05f);
        Assert.Equal(bb, actualB, 0.05f);
    }

    public static TheoryData<ColorSpace> Spaces => [ColorSpace.Hsv, ColorSpace.HsvLinear, ColorSpace.Rgb, ColorSpace.Lab];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Every_space_round_trips_sRGB_within_one_level(ColorSpace space)
    {
        Span<float> features = stackalloc float[ColorFeatures.Dimensions];
        for (var r = 0; r < 256; r += 15)
        {
            for (var g = 0; g < 256; g += 17)
            {
                for (var b = 0; b < 256; b += 5)
                {
                    ColorFeatures.ToFeatures(space, (byte)r, (byte)g, (byte)b, features);
                    var (r2, g2, b2) = ColorFeatures.ToRgb(space, features);
                    Assert.True(
                        Math.Abs(r - r2) <= 1 && Math.Abs(g - g2) <= 1 && Math.Abs(b - b2) <= 1,
                        $"{space}: ({r},{g},{b}) came back as ({r2},{g2},{b2})");
                }
            }
        }
    }

    [Fact]
    public void Hue_wraps_around_in_hsv_but_not_in_hsv_linear()
    {
        // Two reds, hue about 1.2° and 358.8°.
        var (r1, g1, b1) = HsvConverter.ToRgb(1.2f, 1f, 1f);
        var (r2, g2, b2) = HsvConverter.ToRgb(358.8f, 1f, 1f);
        Assert.True(Distance(ColorSpace.Hsv, (r1, g1, b1), (r2, g2, b2)) < 0.05f);
        Assert.True(Distance(ColorSpace.HsvLinear, (r1, g1, b1), (r2, g2, b2)) > 0.95f);
    }

    [Fact]
    public void Hsv_centroid_of_reds_either_side_of_zero_is_red()
    {
        // The mean of hue 350° and 10° features must be hue 0°, not 180°: the circular mean.
        Span<float> a = stackalloc float[3];
        Span<float> b = stackalloc float[3];
        var (ra, ga, ba) = HsvConverter.ToRgb(350f, 1f, 1f);
        var (rb, gb, bb) = HsvConverter.ToRgb(10f, 1f, 1f);
        ColorFeatures.ToFeatures(ColorSpace.Hsv, ra, ga, ba, a);
        ColorFeatures.ToFeatures(ColorSpace.Hsv, rb, gb, bb, b);
        float[] mean = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
        var (r, g, bl) = ColorFeatures.ToRgb(ColorSpace.Hsv, mean);
        Assert.True(r > 240 && g < 20 && bl < 20, $"got ({r},{g},{bl})");
    }

    [Fact]
    public void Names_parse_and_print_every_space()
    {
        foreach (ColorSpace space in Enum.GetValues<ColorSpace>())
        {
            Assert.True(ColorSpaceNames.TryParse(ColorSpaceNames.ToName(space), out var parsed));
            Assert.Equal(space, parsed);
        }

        Assert.False(ColorSpaceNames.TryParse("hsl", out _));
    }

    private static float Distance(ColorSpace space, (byte, byte, byte) x, (byte, byte, byte) y)
    {
        Span<float> a = stackalloc float[3];
        Span<float> b = stackalloc float[3];
        ColorFeatures.ToFeatures(space, x.Item1, x.Item2, x.Item3, a);
        ColorFeatures.ToFeatures(space, y.Item1, y.Item2, y.Item3, b);
        float sum = 0;
        for (var i = 0; i < 3; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return MathF.Sqrt(sum);
    }
}
