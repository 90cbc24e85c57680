using System.IO.Compression;
using System.Buffers.Binary;
using MlNetSegment.Imaging;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

/// <summary>
/// Probe round 8, finding 7: invalid PNG headers that libpng refuses (and Skia reports as "the image data ends early")
/// while ImageSharp 2.1.13 decoded them, and a palette transparency longer than the palette, which the two decoders
/// read differently. Both decoders must now refuse the same files with the same words, and give the same pixels for
/// the long transparency.
/// </summary>
public class PngHeaderValidityTests
{
    private const int Width = 16;
    private const int Height = 8;

    private static readonly byte[] Palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 0];

    public static TheoryData<string, PixelDecoder> Refused { get; } = Cases();

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_invalid_header_is_refused_by_either_decoder_in_words_that_say_what_is_wrong(string invalid, PixelDecoder decoder)
    {
        (byte[] png, string expected) = Invalid(invalid);

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(new MemoryStream(png), "bad.png", new ImageLimits { Decoder = decoder }));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
        Assert.Equal($"bad.png: corrupt image data ({expected})", ex.Message);
    }

    [Fact]
    public void A_palette_transparency_longer_than_the_palette_gives_the_same_pixels_with_either_decoder()
    {
        // Six alpha entries for a palette of four: libpng drops the tRNS (every colour opaque), ImageSharp applied it.
        byte[] png = Png(Header(3, 8), plte: Palette, trns: [0, 128, 255, 64, 10, 20]);

        using Image<Rgba32> native = ImageLoader.Load(new MemoryStream(png), "long.png", new ImageLimits { Decoder = PixelDecoder.Native });
        using Image<Rgba32> managed = ImageLoader.Load(new MemoryStream(png), "long.png", new ImageLimits { Decoder = PixelDecoder.Managed });

        PixelAssert.Same(native, managed, "long tRNS");
    }

    [Theory]
    [InlineData(0, 4, new byte[] { 1, 44 })] // grey key 300 at 4 bits (probe round 9: 68 pixels transparent natively, none managed)
    [InlineData(0, 1, new byte[] { 0, 3 })] // grey key 3 at 1 bit
    [InlineData(0, 8, new byte[] { 0, 7, 0, 9 })] // a grey key of 4 bytes
    [InlineData(2, 8, new byte[] { 0, 7, 0, 9 })] // an RGB key of 4 bytes
    [InlineData(6, 8, new byte[] { 0, 7, 0, 9, 0, 1 })] // tRNS in a PNG with an alpha channel
    [InlineData(4, 8, new byte[] { 0, 7 })]
    public void An_invalid_colour_key_gives_the_same_pixels_with_either_decoder(byte colorType, byte bitDepth, byte[] trns)
    {
        byte[] png = Png(Header(colorType, bitDepth), plte: null, trns: trns);

        using Image<Rgba32> native = ImageLoader.Load(new MemoryStream(png), "key.png", new ImageLimits { Decoder = PixelDecoder.Native });
        using Image<Rgba32> managed = ImageLoader.Load(new MemoryStream(png), "key.png", new ImageLimits { Decoder = PixelDecoder.Managed });

        PixelAssert.Same(native, managed, $"colour type {colorType}, {bitDepth} bits, tRNS of {trns.Length}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(4)]
    public void A_16_bit_PNG_gives_the_same_bytes_with_either_decoder(byte colorType)
    {
        // Probe round 10: libpng keeps a sample's high byte where ImageSharp rounds, so 0x00FF was 0 natively and 1
        // with ImageSharp; every 16-bit PNG now goes to libpng under both.
        byte[] png = Png(Header(colorType, 16), plte: null);

        using Image<Rgba32> native = ImageLoader.Load(new MemoryStream(png), "16.png", new ImageLimits { Decoder = PixelDecoder.Native });
        using Image<Rgba32> managed = ImageLoader.Load(new MemoryStream(png), "16.png", new ImageLimits { Decoder = PixelDecoder.Managed });

        PixelAssert.Same(native, managed, $"16-bit colour type {colorType}");
    }

    [Fact]
    public void A_palette_transparency_before_the_palette_gives_the_same_pixels_with_either_decoder()
    {
        byte[] ordered = Png(Header(3, 8), plte: Palette, trns: [0, 128, 255, 64]);
        byte[] png = Swap(ordered, "PLTE", "tRNS");

        using Image<Rgba32> native = ImageLoader.Load(new MemoryStream(png), "swapped.png", new ImageLimits { Decoder = PixelDecoder.Native });
        using Image<Rgba32> managed = ImageLoader.Load(new MemoryStream(png), "swapped.png", new ImageLimits { Decoder = PixelDecoder.Managed });

        PixelAssert.Same(native, managed, "tRNS before PLTE");
    }

    [Fact]
    public void A_valid_palette_transparency_is_still_applied_by_either_decoder()
    {
        byte[] png = Png(Header(3, 8), plte: Palette, trns: [0, 128, 255, 64]);

        foreach (PixelDecoder decoder in new[] { PixelDecoder.Native, PixelDecoder.Managed })
        {
            using Image<Rgba32> image = ImageLoader.Load(new MemoryStream(png), "ok.png", new ImageLimits { Decoder = decoder });
            Assert.Equal(new Rgba32(0, 255, 0, 128), image[1, 0]); // index 1: green at alpha 128
        }
    }

    private static TheoryData<string, PixelDecoder> Cases()
    {
        var data = new TheoryData<string, PixelDecoder>();
        foreach (string invalid in new[] { "IHDR of 18 bytes", "compression 1", "filter 1", "interlace 2", "depth 3", "PLTE of 10 bytes", "PLTE of 0 bytes", "no PLTE", "IHDR twice", "PLTE twice" })
        {
            data.Add(invalid, PixelDecoder.Native);
            data.Add(invalid, PixelDecoder.Managed);
        }

        return data;
    }

    private static (byte[] Png, string Expected) Invalid(string invalid) => invalid switch
    {
        "IHDR of 18 bytes" => (Png([.. Header(3, 8), 0, 0, 0, 0, 0], plte: Palette), "an IHDR chunk of 18 bytes, not 13"),
        "compression 1" => (Png(Header(3, 8, compression: 1), plte: Palette), "compression method 1 in IHDR (0 is the only one)"),
        "filter 1" => (Png(Header(3, 8, filter: 1), plte: Palette), "filter method 1 in IHDR (0 is the only one)"),
        "interlace 2" => (Png(Header(3, 8, interlace: 2), plte: Palette), "interlace method 2 in IHDR (0 or 1)"),
        "depth 3" => (Png(Header(3, 3), plte: Palette), "bit depth 3 with colour type 3 in IHDR"),
        "PLTE of 10 bytes" => (Png(Header(3, 8), plte: Palette[..10]), "a PLTE chunk of 10 bytes (1 to 256 colours of 3 bytes)"),
        "PLTE of 0 bytes" => (Png(Header(3, 8), plte: []), "a PLTE chunk of 0 bytes (1 to 256 colours of 3 bytes)"),
        "IHDR twice" => (Twice(Png(Header(3, 8), plte: Palette), "IHDR"), "a second IHDR chunk"),
        "PLTE twice" => (Twice(Png(Header(3, 8), plte: Palette), "PLTE"), "a second PLTE chunk"),
        _ => (Png(Header(3, 8), plte: null), "a palette PNG without a PLTE chunk before its image data"),
    };

    private static byte[] Header(byte colorType, byte bitDepth, byte compression = 0, byte filter = 0, byte interlace = 0)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, Width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), Height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = compression;
        ihdr[11] = filter;
        ihdr[12] = interlace;
        return ihdr;
    }

    // An image of indices 0–3 (palette) or of varied samples (the other colour types), written chunk by chunk so that
    // any field can be wrong.
    private static byte[] Png(byte[] ihdr, byte[]? plte, byte[]? trns = null)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        Chunk(file, "IHDR", ihdr);
        if (plte is not null)
        {
            Chunk(file, "PLTE", plte);
        }

        if (trns is not null)
        {
            Chunk(file, "tRNS", trns);
        }

        using var raw = new MemoryStream();
        int channels = ihdr[9] switch
        {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        };
        int rowBytes = ((Width * channels * ihdr[8]) + 7) / 8;
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                zlib.WriteByte(0);
                for (var x = 0; x < rowBytes; x++)
                {
                    zlib.WriteByte(ihdr[9] == 3 ? (byte)((x + y) % 4) : (byte)((x * 37) + (y * 11)));
                }
            }
        }

        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    // The whole chunk of this type (length, type, data, CRC) and where it starts.
    private static (int Start, int Length) Find(byte[] png, string type)
    {
        var at = 8;
        while (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) != type)
        {
            at += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
        }

        return (at, 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at)));
    }

    private static byte[] Twice(byte[] png, string type)
    {
        var (start, length) = Find(png, type);
        return [.. png[..(start + length)], .. png.AsSpan(start, length), .. png[(start + length)..]];
    }

    // The two chunks, adjacent and in this order in png, the other way round.
    private static byte[] Swap(byte[] png, string first, string second)
    {
        var (a, aLength) = Find(png, first);
        var (b, bLength) = Find(png, second);
        return [.. png[..a], .. png.AsSpan(b, bLength), .. png.AsSpan(a, aLength), .. png[(b + bLength)..]];
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        file.Write(number);
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, System.IO.Hashing.Crc32.HashToUInt32(typed));
        file.Write(number);
    }
}
