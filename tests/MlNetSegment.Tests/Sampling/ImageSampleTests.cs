using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Sampling;

public class ImageSampleTests
{
    [Fact]
    public void Opaque_image_sample_is_distinct_in_raster_order_and_carries_each_pixels_colour_and_position()
    {
        using Image<Rgba32> image = Numbered(300, 200, transparentEvery: 0);

        SampledPixel[] sample = ImageSample.Draw(image, count: 5_000, seed: 3);

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

        SampledPixel[] sample = ImageSample.Draw(image, 20_000, seed: 7);

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
    public void Every_pixel_is_equally_likely_to_be_drawn()
    {
        // 3 of 10 pixels in three colour bins of 5, 3 and 2 pixels, 20,000 seeds: each pixel about 6,000 times (sd
        // about 65). Taking every third pixel of the colour order from a start that is not uniform, or always the
        // first of a bin, would put some pixels far off.
        using var image = new Image<Rgba32>(10, 1);
        for (var x = 0; x < 10; x++)
        {
            image[x, 0] = x < 5 ? new Rgba32(200, 0, 0) : x < 8 ? new Rgba32(0, 200, 0) : new Rgba32(0, 0, 200);
        }

        var counts = new int[10];
        for (var seed = 0; seed < 20_000; seed++)
        {
            foreach (SampledPixel p in ImageSample.Draw(image, 3, seed))
            {
                counts[p.X]++;
            }
        }

        Assert.All(counts, n => Assert.InRange(n, 5_700, 6_300));
    }

    [Fact]
    public void Each_colour_holds_its_share_of_the_sample_to_within_one_pixel()
    {
        // 20,000 pixels in five colours covering 50%, 30%, 15%, 4.9% and 0.1% of the image, in blocks; 1,000 drawn.
        // A simple random sample misses these shares by about the square root of each (the half by 16 pixels, say);
        // stratified by colour, every share is within one pixel, for every seed.
        Rgba32[] colours = [new(250, 10, 10), new(10, 250, 10), new(10, 10, 250), new(250, 250, 10), new(10, 250, 250)];
        int[] pixels = [10_000, 6_000, 3_000, 980, 20];
        using var image = new Image<Rgba32>(200, 100);
        var i = 0;
        for (var c = 0; c < colours.Length; c++)
        {
            for (var n = 0; n < pixels[c]; n++, i++)
            {
                image[i % 200, i / 200] = colours[c];
            }
        }

        for (var seed = 0; seed < 50; seed++)
        {
            SampledPixel[] sample = ImageSample.Draw(image, 1_000, seed);
            for (var c = 0; c < colours.Length; c++)
            {
                double expected = 1_000.0 * pixels[c] / 20_000;
                int drawn = sample.Count(p => p.Color == colours[c]);
                Assert.True(Math.Abs(drawn - expected) < 1, $"seed {seed}: colour {c} drawn {drawn} times, expected {expected}");
            }
        }
    }

    [Fact]
    public void The_sample_does_not_depend_on_how_many_bands_of_rows_are_drawn_in_parallel()
    {
        using Image<Rgba32> image = Numbered(300, 200, transparentEvery: 7);
        long[] Drawn(int bands) => ColorStratifiedSample.Draw(image, ColorStratifiedSample.Count(image, bands), 3_000, seed: 2);

        long[] one = Drawn(1);

        Assert.Equal(3_000, one.Distinct().Count());
        Assert.All(one, index => Assert.NotEqual(0, image[(int)(index % 300), (int)(index / 300)].A));
        Assert.Equal(one, Drawn(3));
        Assert.Equal(one, Drawn(200));
    }

    [Fact]
    public void Opaque_images_are_sampled_alike_whatever_their_buffer_layout()
    {
        using Image<Rgba32> contiguous = Numbered(300, 200, transparentEvery: 0);
        var smallBuffers = new Configuration { MemoryAllocator = new SmallBufferAllocator() };
        using Image<Rgba32> split = contiguous.Clone(smallBuffers);
        Assert.False(split.DangerousTryGetSinglePixelMemory(out _));

        Assert.Equal(ImageSample.Draw(contiguous, 2_000, seed: 6), ImageSample.Draw(split, 2_000, seed: 6));
    }

    [Fact]
    public void An_image_with_no_opaque_pixel_gives_an_empty_sample()
    {
        using var image = new Image<Rgba32>(10, 10, new Rgba32(200, 100, 50, 0));

        Assert.Empty(ImageSample.Draw(image, 5, seed: 0));
    }

    [Fact]
    public void Same_seed_same_sample_other_seed_other_sample()
    {
        using Image<Rgba32> image = Numbered(120, 80, transparentEvery: 0);

        Assert.Equal(ImageSample.Draw(image, 500, seed: 1), ImageSample.Draw(image, 500, seed: 1));
        Assert.NotEqual(ImageSample.Draw(image, 500, seed: 1), ImageSample.Draw(image, 500, seed: 2));
    }

    [Fact]
    public void A_sample_larger_than_the_image_is_the_whole_image()
    {
        using Image<Rgba32> image = Numbered(30, 20, transparentEvery: 0);

        SampledPixel[] sample = ImageSample.Draw(image, 16_000, seed: 0);

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

        SampledPixel[] sample = ImageSample.Draw(image, 2_000, seed: 4);

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

    // Splits every image into buffers of a few rows, as ImageSharp does with large images by default.
    private sealed class SmallBufferAllocator : SixLabors.ImageSharp.Memory.MemoryAllocator
    {
        private readonly SixLabors.ImageSharp.Memory.SimpleGcMemoryAllocator _inner = new();

        public override System.Buffers.IMemoryOwner<T> Allocate<T>(int length, SixLabors.ImageSharp.Memory.AllocationOptions options = SixLabors.ImageSharp.Memory.AllocationOptions.None) =>
            _inner.Allocate<T>(length, options);

        protected override int GetBufferCapacityInBytes() => 4096;
    }
}
