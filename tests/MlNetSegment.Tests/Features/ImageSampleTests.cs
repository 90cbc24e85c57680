using MlNetSegment.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Features;

public class ImageSampleTests
{
    [Fact]
    public void Opaque_image_sample_is_distinct_in_raster_order_and_carries_each_pixels_colour_and_position()
    {
        using Image<Rgba32> image = Numbered(300, 200, transparentEvery: 0);

        SampledPixel[] sample = ImageSample.Draw(image, opaquePixels: 300 * 200, count: 5_000, seed: 3);

        Assert.Equal(5_000, sample.Length);
        Assert.Equal(5_000, sample.Select(p => (p.X, p.Y)).Distinct().Count());
        long[] order = [.. sample.Select(p => ((long)p.Y * 300) + p.X)];
        Assert.Equal(order.Order(), order);
        Assert.All(sample, p => Assert.Equal(image[p.X, p.Y], p.Color));
    }

    [Fact]
    public void Sample_is_uniform_over_rows_and_columns()
    {
        using Image<Rgba32> image = Numbered(1000, 1000, transparentEvery: 0);

        SampledPixel[] sample = ImageSample.Draw(image, 1_000_000, 20_000, seed: 7);

        // Means of a uniform sample: 499.5 with a standard error of about 2.
        Assert.InRange(sample.Average(p => p.X), 490, 509);
        Assert.InRange(sample.Average(p => p.Y), 490, 509);

        // Each tenth of the image holds about a tenth of the sample (sd about 42).
        var perBand = new int[10];
        foreach (SampledPixel p in sample)
        {
            perBand[p.X / 100]++;
        }

        Assert.All(perBand, n => Assert.InRange(n, 1800, 2200));
    }

    [Fact]
    public void Every_index_is_equally_likely_to_be_drawn()
    {
        // 3 of 10, 20,000 times: each index about 6,000 times (sd about 65).
        var counts = new int[10];
        var random = new Random(5);
        for (var draw = 0; draw < 20_000; draw++)
        {
            foreach (long i in ImageSample.DistinctSortedIndices(10, 3, random))
            {
                counts[i]++;
            }
        }

        Assert.All(counts, n => Assert.InRange(n, 5_700, 6_300));
    }

    [Fact]
    public void Same_seed_same_sample_other_seed_other_sample()
    {
        using Image<Rgba32> image = Numbered(120, 80, transparentEvery: 0);

        Assert.Equal(ImageSample.Draw(image, 9_600, 500, seed: 1), ImageSample.Draw(image, 9_600, 500, seed: 1));
        Assert.NotEqual(ImageSample.Draw(image, 9_600, 500, seed: 1), ImageSample.Draw(image, 9_600, 500, seed: 2));
    }

    [Fact]
    public void A_sample_larger_than_the_image_is_the_whole_image()
    {
        using Image<Rgba32> image = Numbered(30, 20, transparentEvery: 0);

        SampledPixel[] sample = ImageSample.Draw(image, 600, 16_000, seed: 0);

        Assert.Equal(600, sample.Length);
        Assert.Equal(600, sample.Select(p => (p.X, p.Y)).Distinct().Count());
    }

    [Fact]
    public void Transparent_pixels_are_never_drawn()
    {
        using Image<Rgba32> image = Numbered(200, 100, transparentEvery: 3);
        long opaque = 0;
        image.ProcessPixelRows(a =>
        {
            for (var y = 0; y < a.Height; y++)
            {
                foreach (Rgba32 p in a.GetRowSpan(y))
                {
                    opaque += p.A == 0 ? 0 : 1;
                }
            }
        });

        SampledPixel[] sample = ImageSample.Draw(image, opaque, 2_000, seed: 4);

        Assert.Equal(2_000, sample.Length);
        Assert.All(sample, p => Assert.NotEqual(0, p.Color.A));
        Assert.Equal(2_000, sample.Select(p => (p.X, p.Y)).Distinct().Count());
    }

    // Every pixel a different colour; with transparentEvery > 0, every that-many-th pixel fully transparent.
    private static Image<Rgba32> Numbered(int width, int height, int transparentEvery)
    {
        var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                byte alpha = transparentEvery > 0 && i % transparentEvery == 0 ? (byte)0 : (byte)255;
                image[x, y] = new Rgba32((byte)i, (byte)(i >> 8), (byte)(i >> 16), alpha);
            }
        }

        return image;
    }
}
