using MlNetSegment.Imaging;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

/// <summary>
/// Probe round 8, finding 8: a PNG cut off inside its image data was refused by libpng ("the image data ends early")
/// but decoded by ImageSharp 2.1.13 with the missing rows left transparent, and segmented (or, cut before its first
/// row, called "no opaque pixels"). Both decoders must now refuse it alike, and both still read a PNG that lacks only
/// its IEND chunk, as libpng does.
/// </summary>
public class PngTruncationTests
{
    private const int Width = 97;
    private const int Height = 61;

    [Theory]
    [InlineData(PixelDecoder.Native)]
    [InlineData(PixelDecoder.Managed)]
    public void A_PNG_cut_off_inside_its_image_data_is_refused_as_ending_early(PixelDecoder decoder)
    {
        byte[] cut = Truncated(Encode(grey16: false), keepOfImageData: 0.4);

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(new MemoryStream(cut), "cut.png", new ImageLimits { Decoder = decoder }));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
        Assert.Contains("ends early", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PixelDecoder.Native)]
    [InlineData(PixelDecoder.Managed)]
    public void A_PNG_without_only_its_IEND_chunk_decodes_to_every_pixel(PixelDecoder decoder)
    {
        byte[] whole = Encode(grey16: false);
        byte[] noEnd = whole[..^12];

        using Image<Rgba32> expected = ImageLoader.Load(new MemoryStream(whole), "whole.png", new ImageLimits { Decoder = PixelDecoder.Managed });
        using Image<Rgba32> actual = ImageLoader.Load(new MemoryStream(noEnd), "no-end.png", new ImageLimits { Decoder = decoder });

        PixelAssert.Same(expected, actual, "no IEND");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(15)]
    public void A_PNG_cut_in_its_last_bytes_gets_the_same_verdict_and_pixels_from_either_decoder(int cut)
    {
        // Probe round 10: cut inside the last IDAT's CRC or inside IEND, ImageSharp's Identify failed ("CRC Error",
        // "Invalid PNG data") before the file could go to libpng, which read every row.
        byte[] png = Encode(grey16: false)[..^cut];

        Image<Rgba32>? native = TryLoad(png, PixelDecoder.Native, out string? nativeError);
        Image<Rgba32>? managed = TryLoad(png, PixelDecoder.Managed, out string? managedError);
        using (native)
        using (managed)
        {
            Assert.Equal(nativeError, managedError);
            if (native is not null && managed is not null)
            {
                PixelAssert.Same(native, managed, $"cut {cut}");
            }
        }
    }

    [Fact]
    public void A_label_map_cut_off_inside_its_image_data_is_refused_whatever_its_depth()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("cut8.png"), Truncated(Encode(grey16: false), keepOfImageData: 0.4));
        File.WriteAllBytes(dir.File("cut16.png"), Truncated(Encode(grey16: true), keepOfImageData: 0.4));

        var cut8 = Assert.Throws<ImageLoadException>(() => ImageLoader.LoadLabelPixels(dir.File("cut8.png"), ImageLimits.Default));
        var cut16 = Assert.Throws<ImageLoadException>(() => ImageLoader.LoadLabelPixels(dir.File("cut16.png"), ImageLimits.Default));

        Assert.Contains("ends early", cut8.Message, StringComparison.Ordinal);
        Assert.EndsWith("(the image data ends early, before the IEND chunk)", cut16.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_map_without_only_its_IEND_chunk_reads_like_the_whole_map()
    {
        using var dir = new TempDirectory();
        byte[] whole = Encode(grey16: false);
        File.WriteAllBytes(dir.File("whole.png"), whole);
        File.WriteAllBytes(dir.File("no-end.png"), whole[..^12]);

        var expected = ImageLoader.LoadLabelPixels(dir.File("whole.png"), ImageLimits.Default);
        var actual = ImageLoader.LoadLabelPixels(dir.File("no-end.png"), ImageLimits.Default);

        // libpng reads it, and gives grey labels as packed colours: the same partition, which is what is scored.
        Assert.Equal(Partition(expected.Pixels), Partition(actual.Pixels));
        Assert.Equal(Width * Height, actual.Pixels.Length);
    }

    // Each pixel's label renumbered by first appearance: equal when the same pixels share labels.
    private static int[] Partition(int[] labels)
    {
        var first = new Dictionary<int, int>();
        return [.. labels.Select(l => first.TryGetValue(l, out int id) ? id : first[l] = first.Count)];
    }

    private static Image<Rgba32>? TryLoad(byte[] png, PixelDecoder decoder, out string? error)
    {
        try
        {
            error = null;
            return ImageLoader.Load(new MemoryStream(png), "cut.png", new ImageLimits { Decoder = decoder });
        }
        catch (ImageLoadException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    // A grey image whose values change along both axes, so every row is different and a lost row shows.
    private static byte[] Encode(bool grey16)
    {
        using var stream = new MemoryStream();
        var encoder = new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = grey16 ? PngBitDepth.Bit16 : PngBitDepth.Bit8 };
        if (grey16)
        {
            using var image = new Image<L16>(Width, Height);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < Height; y++)
                {
                    Span<L16> row = rows.GetRowSpan(y);
                    for (var x = 0; x < Width; x++)
                    {
                        row[x] = new L16((ushort)((x * 613) + (y * 1297)));
                    }
                }
            });
            image.SaveAsPng(stream, encoder);
        }
        else
        {
            using var image = new Image<L8>(Width, Height);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < Height; y++)
                {
                    Span<L8> row = rows.GetRowSpan(y);
                    for (var x = 0; x < Width; x++)
                    {
                        row[x] = new L8((byte)((x * 7) + (y * 13) + (x * y)));
                    }
                }
            });
            image.SaveAsPng(stream, encoder);
        }

        return stream.ToArray();
    }

    // The file up to a share of its first IDAT chunk's data: what a cut-off download leaves.
    private static byte[] Truncated(byte[] png, double keepOfImageData)
    {
        var at = 8;
        while (true)
        {
            int length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            if (png[at + 4] == 'I' && png[at + 5] == 'D' && png[at + 6] == 'A' && png[at + 7] == 'T')
            {
                return png[..(at + 8 + (int)(length * keepOfImageData))];
            }

            at += 12 + length;
        }
    }
}
