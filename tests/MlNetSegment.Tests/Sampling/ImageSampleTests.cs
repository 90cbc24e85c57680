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
    public void Every_subset_is_equally_likely_to_be_drawn()
    {
        // All 120 subsets of 3 of 10, 24,000 draws: about 200 each. Chi-square with 119 degrees of freedom stays
        // below 170 with probability 0.999; a biased scheme (a random run of neighbours, say) lands far above.
        var counts = new Dictionary<(long, long, long), int>();
        var random = new Random(8);
        for (var draw = 0; draw < 24_000; draw++)
        {
            long[] s = ImageSample.DistinctSortedIndices(10, 3, random);
            var key = (s[0], s[1], s[2]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(120, counts.Count);
        double chiSquare = counts.Values.Sum(n => (n - 200.0) * (n - 200.0) / 200.0);
        Assert.InRange(chiSquare, 0, 170);
    }

    [Fact]
    public void Opaque_images_are_sampled_alike_whatever_their_buffer_layout()
    {
        using Image<Rgba32> contiguous = Numbered(300, 200, transparentEvery: 0);
        var smallBuffers = new Configuration { MemoryAllocator = new SmallBufferAllocator() };
        using Image<Rgba32> split = contiguous.Clone(smallBuffers);
        Assert.False(split.DangerousTryGetSinglePixelMemory(out _));

        Assert.Equal(ImageSample.Draw(contiguous, 60_000, 2_000, seed: 6), ImageSample.Draw(split, 60_000, 2_000, seed: 6));
    }

    [Fact]
    public void A_wrong_opaque_count_is_refused()
    {
        using Image<Rgba32> image = Numbered(10, 10, transparentEvery: 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageSample.Draw(image, 101, 5, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageSample.Draw(image, -1, 5, seed: 0));
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

    // Splits every image into buffers of a few rows, as ImageSharp does with large images by default.
    private sealed class SmallBufferAllocator : SixLabors.ImageSharp.Memory.MemoryAllocator
    {
        private readonly SixLabors.ImageSharp.Memory.SimpleGcMemoryAllocator _inner = new();

        public override System.Buffers.IMemoryOwner<T> Allocate<T>(int length, SixLabors.ImageSharp.Memory.AllocationOptions options = SixLabors.ImageSharp.Memory.AllocationOptions.None) =>
            _inner.Allocate<T>(length, options);

        protected override int GetBufferCapacityInBytes() => 4096;
    }
}
