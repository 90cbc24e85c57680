using MlNetSegment.Imaging;
using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Core;

/// <summary>
/// The native decoders (libpng, libjpeg-turbo through SkiaSharp) must be a drop-in for ImageSharp's: same pixels for
/// every kind of PNG, JPEG within a level or two, same orientation and the same guards.
/// </summary>
public class PixelDecoderTests
{
    private static readonly ImageLimits Native = new() { Decoder = PixelDecoder.Native };
    private static readonly ImageLimits Managed = new() { Decoder = PixelDecoder.Managed };

    public static TheoryData<string> PngFiles { get; } = new(
        "png_rgb8.png", "png_rgba16.png", "png_rgb16.png", "png_gray1.png", "png_gray4_odd.png", "png_gray8.png",
        "png_gray16.png", "png_gray_alpha8.png", "png_gray_alpha16.png", "png_palette2.png", "png_palette_trns.png",
        "png_rgb_trns_colorkey.png", "png_rgba_alpha_gradient.png", "png_rgba_transparent_hole.png", "png_all_filters.png",
        "png_many_idat.png", "png_text_chunks.png", "png_exif_orientation6.png", "png_1x4000.png", "png_4000x1.png",
        "png_rgb16_trns_colorkey_half.png", "png_gray16_trns_colorkey_half.png", "png_ztxt_bomb_1gb.png", "png_itxt_bomb_256mb.png");

    [Theory]
    [MemberData(nameof(PngFiles))]
    public void Both_decoders_give_the_same_pixels_for_every_kind_of_PNG(string file)
    {
        string path = CorpusManifest.PathOf(file);

        using Image<Rgba32> native = ImageLoader.Load(path, Native);
        using Image<Rgba32> managed = ImageLoader.Load(path, Managed);

        AssertSamePixels(managed, native, file);
    }

    [Theory]
    [InlineData("coffee.png")]
    [InlineData("astronaut.png")]
    [InlineData("chelsea.png")]
    public void Both_decoders_give_the_same_pixels_for_the_bundled_photos(string name)
    {
        using Image<Rgba32> native = ImageLoader.Load(TestImages.Sample(name), Native);
        using Image<Rgba32> managed = ImageLoader.Load(TestImages.Sample(name), Managed);

        AssertSamePixels(managed, native, name);
    }

    [Theory]
    [InlineData("rocket.jpg", null)]
    [InlineData(null, "jpeg_grayscale.jpg")]
    public void JPEG_decoders_agree_within_a_few_levels_on_photos(string? sample, string? corpusFile)
    {
        string path = sample is not null ? TestImages.Sample(sample) : CorpusManifest.PathOf(corpusFile!);

        using Image<Rgba32> native = ImageLoader.Load(path, Native);
        using Image<Rgba32> managed = ImageLoader.Load(path, Managed);

        Assert.Equal((managed.Width, managed.Height), (native.Width, native.Height));
        long total = 0;
        int worst = 0;
        for (var y = 0; y < native.Height; y++)
        {
            for (var x = 0; x < native.Width; x++)
            {
                Rgba32 a = native[x, y];
                Rgba32 b = managed[x, y];
                int d = Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));
                total += d;
                worst = Math.Max(worst, d);
                Assert.Equal(255, a.A);
            }
        }

        // A rotated or mirrored decode would differ by tens of levels on average.
        double mean = total / (double)(native.Width * native.Height);
        Assert.True(mean < 1.5, $"mean difference {mean:F2} levels");
        Assert.True(worst <= 24, $"largest difference {worst} levels");
    }

    [Theory]
    [InlineData("jpeg_exif_orientation1.jpg", 96, 64)]
    [InlineData("jpeg_exif_orientation2.jpg", 96, 64)]
    [InlineData("jpeg_exif_orientation5.jpg", 64, 96)]
    [InlineData("jpeg_exif_orientation7.jpg", 64, 96)]
    [InlineData("jpeg_exif_orientation8.jpg", 64, 96)]
    [InlineData("jpeg_exif_orientation9.jpg", 96, 64)]
    [InlineData("jpeg_exif_orientation0.jpg", 96, 64)]
    [InlineData("png_exif_orientation6.png", 64, 96)]
    public void The_native_decoder_applies_EXIF_orientation(string file, int width, int height)
    {
        using Image<Rgba32> native = ImageLoader.Load(CorpusManifest.PathOf(file), Native);

        Assert.Equal((width, height), (native.Width, native.Height));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Each_EXIF_orientation_turns_the_stored_pixels_as_the_EXIF_standard_says(int orientation)
    {
        // The corpus's orientation files hold the same stored 96x64 pixels; only the tag differs.
        using Image<Rgba32> stored = ImageLoader.Load(CorpusManifest.PathOf("jpeg_exif_orientation1.jpg"), Native);
        using Image<Rgba32> oriented = ImageLoader.Load(CorpusManifest.PathOf($"jpeg_exif_orientation{orientation}.jpg"), Native);

        for (var y = 0; y < stored.Height; y++)
        {
            for (var x = 0; x < stored.Width; x++)
            {
                int w = stored.Width - 1, h = stored.Height - 1;
                (int X, int Y) to = orientation switch
                {
                    2 => (w - x, y),
                    3 => (w - x, h - y),
                    5 => (y, x),
                    6 => (h - y, x),
                    7 => (h - y, w - x),
                    _ => (y, w - x), // 8
                };
                Assert.True(stored[x, y] == oriented[to.X, to.Y], $"orientation {orientation}: stored ({x}, {y}) is not at ({to.X}, {to.Y})");
            }
        }
    }

    [Theory]
    [InlineData("png_width_2147483647.png")]
    [InlineData("png_65535x65535.png")]
    [InlineData("png_16000x16000.png")]
    public void The_native_decoder_checks_the_limits_from_the_header_before_decoding(string file)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(CorpusManifest.PathOf(file), Native));

        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
    }

    [Fact]
    public void A_JPEG_over_the_pixel_limit_is_refused_by_the_native_decoder()
    {
        var limits = new ImageLimits { MaxPixels = 1000, Decoder = PixelDecoder.Native };

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(TestImages.Sample("rocket.jpg"), limits));

        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
    }

    [Theory]
    [InlineData("png_trunc_mid_idat.png")]
    [InlineData("png_interlaced_cut_file.png")]
    [InlineData("jpeg_trunc_half.jpg")]
    public void Data_that_ends_early_is_refused_rather_than_filled_in(string file)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(CorpusManifest.PathOf(file), Native));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
        Assert.Contains("ends early", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png_idat_before_ihdr.png")]
    [InlineData("png_trunc_mid_ihdr.png")]
    public void A_PNG_without_a_leading_IHDR_is_refused_before_libpng_sees_it(string file)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(CorpusManifest.PathOf(file), Native));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
        Assert.Contains("IHDR", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertSamePixels(Image<Rgba32> expected, Image<Rgba32> actual, string name)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                Rgba32 e = expected[x, y];
                Rgba32 a = actual[x, y];

                // A fully transparent pixel's colour is not clustered (nor kept), so only its alpha must agree.
                if (e.A == 0 && a.A == 0)
                {
                    continue;
                }

                Assert.True(e == a, $"{name}: pixel ({x}, {y}) is {a} natively, {e} with ImageSharp");
            }
        }
    }
}
