using MlNetSegment.Sampling;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Sampling;

public class PixelReservoirTests
{
    [Fact]
    public void Keeps_everything_while_under_capacity_and_skips_transparent_pixels()
    {
        var reservoir = new PixelReservoir(100, seed: 0);
        var row = new Rgba32[10];
        for (var x = 0; x < row.Length; x++)
        {
            row[x] = new Rgba32((byte)x, 0, 0, x % 2 == 0 ? (byte)255 : (byte)0);
        }

        reservoir.OfferRow(row, y: 3);

        Assert.Equal(5, reservoir.Count);
        Assert.Equal(5, reservoir.Seen);
        Assert.All(reservoir.Items.ToArray(), p => Assert.True(p.X % 2 == 0 && p.Y == 3));
    }

    [Fact]
    public void Sample_is_uniform_over_rows_and_columns_and_bounded_by_capacity()
    {
        var reservoir = new PixelReservoir(20_000, seed: 7);
        var row = new Rgba32[1000];
        Array.Fill(row, new Rgba32(1, 2, 3, 255));
        for (var y = 0; y < 1000; y++)
        {
            reservoir.OfferRow(row, y);
        }

        Assert.Equal(20_000, reservoir.Count);
        Assert.Equal(1_000_000, reservoir.Seen);
        SampledPixel[] items = reservoir.Items.ToArray();
        Assert.Equal(20_000, items.Select(p => (p.X, p.Y)).Distinct().Count());

        // Means of a uniform sample: 499.5 with a standard error of about 2.
        Assert.InRange(items.Average(p => p.X), 490, 509);
        Assert.InRange(items.Average(p => p.Y), 490, 509);

        // Each tenth of the image holds about a tenth of the sample (sd about 42).
        int[] perBand = new int[10];
        foreach (SampledPixel p in items)
        {
            perBand[p.Y / 100]++;
        }

        Assert.All(perBand, n => Assert.InRange(n, 1800, 2200));
    }

    [Fact]
    public void Same_seed_same_sample_other_seed_other_sample()
    {
        SampledPixel[] Run(int seed)
        {
            var reservoir = new PixelReservoir(500, seed);
            var row = new Rgba32[300];
            Array.Fill(row, new Rgba32(9, 9, 9, 255));
            for (var y = 0; y < 300; y++)
            {
                reservoir.OfferRow(row, y);
            }

            return reservoir.Items.ToArray();
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Theory]
    [InlineData(50, 10)]
    [InlineData(1000, 1000)]
    [InlineData(300, 100_000)]
    public void Offering_opaque_pixels_by_index_samples_exactly_like_offering_rows(int capacity, int pixels)
    {
        const int Width = 100;
        var byRows = new PixelReservoir(capacity, seed: 11);
        var row = new Rgba32[Width];
        Array.Fill(row, new Rgba32(5, 6, 7, 255));
        int fullRows = pixels / Width;
        for (var y = 0; y < fullRows; y++)
        {
            byRows.OfferRow(row, y);
        }

        byRows.OfferRow(row.AsSpan(0, pixels % Width), fullRows);

        var byIndex = new PixelReservoir(capacity, seed: 11);
        byIndex.OfferOpaque(pixels, i => new SampledPixel(new Rgba32(5, 6, 7, 255), (int)(i % Width), (int)(i / Width), 0));

        Assert.Equal(byRows.Seen, byIndex.Seen);
        Assert.Equal(byRows.Items.ToArray(), byIndex.Items.ToArray());
    }
}
