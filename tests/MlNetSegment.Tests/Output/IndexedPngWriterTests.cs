using MlNetSegment.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Output;

public class IndexedPngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(1000, 700)]
    public void A_palette_PNG_decodes_to_palette_colour_of_every_index(int width, int height)
    {
        var random = new Random(width);
        var indices = new byte[width * height];
        for (var i = 0; i < indices.Length; i++)
        {
            // Runs of equal indices with changes, like a label map.
            indices[i] = (byte)((i / 13 + (i % width) / 50 + random.Next(2)) % 4);
        }

        Rgb24[] palette = [new(255, 0, 0), new(0, 128, 0), new(1, 2, 3), new(250, 250, 250)];
        using var stream = new MemoryStream();
        IndexedPngWriter.WritePalette(stream, indices, width, height, palette);
        stream.Position = 0;

        using var image = Image.Load<Rgb24>(stream);
        Assert.Equal((width, height), (image.Width, image.Height));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Assert.Equal(palette[indices[(y * width) + x]], image[x, y]);
            }
        }
    }

    [Fact]
    public void A_grey_PNG_holds_the_values_exactly()
    {
        byte[] values = Enumerable.Range(0, 256 * 3).Select(i => (byte)(i * 7)).ToArray();
        using var stream = new MemoryStream();
        IndexedPngWriter.WriteGray(stream, values, 256, 3);
        stream.Position = 0;

        using var image = Image.Load<L8>(stream);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], image[i % 256, i / 256].PackedValue);
        }
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_refused()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => IndexedPngWriter.WriteGray(stream, new byte[10], 4, 3));
    }
}
