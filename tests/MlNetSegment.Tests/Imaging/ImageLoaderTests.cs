using System.Buffers.Binary;
using System.IO.Compression;
using MlNetSegment.Imaging;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

public class ImageLoaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello, this is text not an image\n")]
    [InlineData("<html><body>404</body></html>")]
    public void Content_that_is_not_an_image_is_refused_whatever_the_extension(string content)
    {
        using var dir = new TempDirectory();
        string path = dir.File("photo.png");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path));

        Assert.Equal(ImageProblem.UnsupportedFormat, ex.Problem);
        Assert.StartsWith(path + ": not a supported image", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_PNG_named_jpg_is_decoded_by_its_content()
    {
        using var dir = new TempDirectory();
        string path = dir.File("really-a-png.jpg");
        using (var image = new Image<Rgba32>(3, 2, new Rgba32(1, 2, 3, 255)))
        {
            image.SaveAsPng(path);
        }

        using Image<Rgba32> loaded = ImageLoader.Load(path);

        Assert.Equal((3, 2), (loaded.Width, loaded.Height));
    }

    [Fact]
    public void A_header_declaring_more_pixels_than_the_limit_is_refused_before_decoding()
    {
        using var dir = new TempDirectory();
        string path = dir.File("huge.png");
        File.WriteAllBytes(path, PngWithHeaderOnly(20_000, 20_000));

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path));

        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
        Assert.Contains("--max-pixels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_directory_are_unreadable()
    {
        using var dir = new TempDirectory();
        Assert.Equal(ImageProblem.Unreadable, Assert.Throws<ImageLoadException>(() => ImageLoader.Load(dir.File("nope.png"))).Problem);
        Assert.Equal(ImageProblem.Unreadable, Assert.Throws<ImageLoadException>(() => ImageLoader.Load(dir.Path)).Problem);
    }

    [Fact]
    public void EXIF_orientation_6_turns_a_96x64_image_into_64x96()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rotated.jpg");
        using (var image = new Image<Rgba32>(96, 64, new Rgba32(200, 30, 30, 255)))
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            image.SaveAsJpeg(path);
        }

        using Image<Rgba32> loaded = ImageLoader.Load(path);

        Assert.Equal((64, 96), (loaded.Width, loaded.Height));
    }

    [Fact]
    public void Unsupported_formats_are_refused_even_when_ImageSharp_could_read_them()
    {
        using var dir = new TempDirectory();
        string path = dir.File("image.png");
        using (var image = new Image<Rgba32>(4, 4))
        {
            image.SaveAsTga(path);
        }

        Assert.Equal(ImageProblem.UnsupportedFormat, Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path)).Problem);
    }

    /// <summary>A PNG signature and IHDR chunk only: enough for the header check.</summary>
    internal static byte[] PngWithHeaderOnly(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", ZlibOf(new byte[16]));
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    [Fact]
    public void A_decoder_tripping_over_malformed_data_is_named_by_kind_not_by_the_runtime_text()
    {
        // Probe round 7 met "corrupt image data (Object reference not set to an instance of an object)": the runtime's
        // words tell a user nothing about their file.
        Assert.Equal(
            "the decoder stopped on malformed data: DivideByZeroException",
            ImageLoader.DecoderDetail(new DivideByZeroException()));
        Assert.Equal(
            "the decoder stopped on malformed data: IndexOutOfRangeException",
            ImageLoader.DecoderDetail(Caught(() => _ = Array.Empty<int>()[1])));

        // What a decoder says about the data is kept: its format errors. The stream ending early, and data the decoder
        // does not recognise after the detector did (a file rewritten while it was read, probe round 9), are said in
        // words: the runtime's said "Unable to read beyond the end of the stream." and ImageSharp's was cut at its line
        // break ("Image cannot be loaded. Available decoders:").
        Assert.Equal("Bad method for ZLIB header", ImageLoader.DecoderDetail(new InvalidImageContentException("Bad method for ZLIB header")));
        Assert.Equal("the image data ends early", ImageLoader.DecoderDetail(new EndOfStreamException("Unable to read beyond the end of the stream.")));
        Assert.Equal(
            "the decoder did not recognise the data (did the file change while it was read?)",
            ImageLoader.DecoderDetail(new UnknownImageFormatException("Image cannot be loaded. Available decoders:\n - PNG")));
    }

    [Fact]
    public void An_empty_file_is_said_to_be_empty()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("zero.png"), []);

        var error = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(dir.File("zero.png")));

        Assert.Equal($"{dir.File("zero.png")}: not a supported image (the file is empty)", error.Message);
        Assert.Equal(ImageProblem.UnsupportedFormat, error.Problem);
    }

    [Fact]
    public void A_variant_the_decoder_does_not_support_is_unsupported_not_corrupt()
    {
        // A BMP whose pixels are JPEG-compressed (BI_JPEG): a valid file, a variant ImageSharp's decoder refuses with
        // NotSupportedException, which was reported as "corrupt image data (the decoder stopped on malformed data: ...)".
        using var dir = new TempDirectory();
        var bmp = new byte[14 + 40 + 16];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(30), 4);
        File.WriteAllBytes(dir.File("jpeg-in.bmp"), bmp);

        var error = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(dir.File("jpeg-in.bmp")));

        Assert.Equal(ImageProblem.UnsupportedFormat, error.Problem);
        Assert.StartsWith($"{dir.File("jpeg-in.bmp")}: not a supported image (a variant the decoder does not support: ", error.Message, StringComparison.Ordinal);
    }

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("nothing was thrown");
    }

    private static byte[] ZlibOf(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, System.IO.Hashing.Crc32.HashToUInt32([.. typeBytes, .. data]));
        stream.Write(crcBytes);
    }
}
