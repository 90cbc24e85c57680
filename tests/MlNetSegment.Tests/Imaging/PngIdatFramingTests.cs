using System.IO.Compression;
using MlNetSegment.Imaging;
using MlNetSegment.Tests.Cli;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

/// <summary>
/// Probe F12: legal PNGs whose image data is split into IDAT chunks in odd places. ImageSharp 2.1.13 failed on an
/// empty or 1-byte first chunk ("Bad method for ZLIB header", "Index was outside the bounds of the array") and left
/// the image transparent after two empty chunks in a row; libpng reads them all, so both decoders must give the
/// pixels of the same image stored in one chunk.
/// </summary>
public class PngIdatFramingTests
{
    private const int Width = 37;
    private const int Height = 23;

    public static TheoryData<string, PixelDecoder> Framings { get; } = new()
    {
        { "empty first", PixelDecoder.Native },
        { "empty first", PixelDecoder.Managed },
        { "1-byte chunks", PixelDecoder.Native },
        { "1-byte chunks", PixelDecoder.Managed },
        { "two empty in a row", PixelDecoder.Native },
        { "two empty in a row", PixelDecoder.Managed },
        { "2-byte first, then 1-byte", PixelDecoder.Managed },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public void A_PNG_split_into_odd_IDAT_chunks_decodes_to_the_pixels_of_the_one_chunk_PNG(string framing, PixelDecoder decoder)
    {
        (byte[] plain, byte[] odd) = Pair(framing, grey16: false);

        using Image<Rgba32> expected = ImageLoader.Load(new MemoryStream(plain), "plain.png", new ImageLimits { Decoder = PixelDecoder.Managed });
        using Image<Rgba32> actual = ImageLoader.Load(new MemoryStream(odd), "odd.png", new ImageLimits { Decoder = decoder });

        PixelAssert.Same(expected, actual, framing);
    }

    [Fact]
    public void A_label_map_with_an_empty_first_IDAT_reads_like_the_one_chunk_map()
    {
        using var dir = new TempDirectory();
        (byte[] plain, byte[] odd) = Pair("empty first", grey16: false);
        File.WriteAllBytes(dir.File("plain.png"), plain);
        File.WriteAllBytes(dir.File("odd.png"), odd);

        var expected = ImageLoader.LoadLabelPixels(dir.File("plain.png"), ImageLimits.Default);
        var actual = ImageLoader.LoadLabelPixels(dir.File("odd.png"), ImageLimits.Default);

        Assert.Equal(expected.Pixels, actual.Pixels);
    }

    [Fact]
    public void A_16_bit_label_map_with_an_empty_first_IDAT_is_refused_with_one_clear_line()
    {
        // Skia's codec gives 8-bit or half-float pixels, so libpng cannot keep a 16-bit label's value.
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("odd.png"), Pair("empty first", grey16: true).Odd);

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.LoadLabelPixels(dir.File("odd.png"), ImageLimits.Default));

        Assert.EndsWith("(a 16-bit label map with an empty or 1-byte first IDAT chunk is not supported; save it again)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_gives_the_same_output_with_either_decoder_for_a_PNG_of_1_byte_IDAT_chunks()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("odd.png"), Pair("1-byte chunks", grey16: false).Odd);

        var native = CliRunner.Run(dir.Path, "segment", "odd.png", "-k", "3", "-o", "native.png", "--decoder", "native");
        var managed = CliRunner.Run(dir.Path, "segment", "odd.png", "-k", "3", "-o", "managed.png", "--decoder", "managed");

        Assert.Equal(0, native.ExitCode);
        Assert.Equal(0, managed.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("native.png")), File.ReadAllBytes(dir.File("managed.png")));
    }

    // The same image as one IDAT chunk and split as named: an RGB gradient with noise, or 16-bit grey labels.
    private static (byte[] Plain, byte[] Odd) Pair(string framing, bool grey16)
    {
        int bytesPerPixel = grey16 ? 2 : 3;
        var random = new Random(12);
        var raw = new byte[Height * (1 + (Width * bytesPerPixel))];
        for (var y = 0; y < Height; y++)
        {
            int row = y * (1 + (Width * bytesPerPixel));
            for (var i = 1; i <= Width * bytesPerPixel; i++)
            {
                raw[row + i] = grey16 ? (byte)(i % 2 == 0 ? y : 1) : (byte)((y * 11) + (i * 3) + random.Next(8));
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        byte[] data = compressed.ToArray();
        byte[][] parts = framing switch
        {
            "empty first" => [[], data],
            "1-byte chunks" => [.. data.Select(b => new[] { b })],
            "two empty in a row" => [data[..(data.Length / 2)], [], [], data[(data.Length / 2)..]],
            "2-byte first, then 1-byte" => [data[..2], .. data[2..].Select(b => new[] { b })],
            _ => throw new ArgumentOutOfRangeException(nameof(framing)),
        };
        int depth = grey16 ? 16 : 8;
        int colorType = grey16 ? 0 : 2;
        byte[] plain = HostileInputRound2Tests.Png(Width, Height, [], depth, colorType, idat: data);
        byte[] header = plain[..33]; // signature and IHDR
        byte[] odd = [.. header, .. parts.SelectMany(p => HostileInputRound2Tests.Chunk("IDAT", p)), .. HostileInputRound2Tests.Chunk("IEND", [])];
        return (plain, odd);
    }
}
