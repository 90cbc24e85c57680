using MlNetSegment.Regions;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Regions;

public class MedianFilterTests
{
    private static Rgba32 NaiveMedian(Rgba32[] source, int width, int height, int size, int x, int y)
    {
        int r = size / 2;
        var values = new List<Rgba32>();
        for (int dy = -r; dy <= r; dy++)
        {
            for (int dx = -r; dx <= r; dx++)
            {
                values.Add(source[(Math.Clamp(y + dy, 0, height - 1) * width) + Math.Clamp(x + dx, 0, width - 1)]);
            }
        }

        byte Median(Func<Rgba32, byte> channel) => values.Select(channel).Order().ElementAt(values.Count / 2);
        return new Rgba32(Median(p => p.R), Median(p => p.G), Median(p => p.B), source[(y * width) + x].A);
    }

    [Theory]
    [InlineData(3, 17, 11)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 1, 9)]
    [InlineData(3, 9, 1)]
    [InlineData(3, 64, 2)]
    [InlineData(5, 23, 40)]
    [InlineData(7, 9, 5)]
    [InlineData(5, 1, 1)]
    [InlineData(5, 70, 3)]
    public void Equals_a_naive_median_with_replicated_edges(int size, int width, int height)
    {
        var random = new Random(size * 1000 + width);
        var source = new Rgba32[width * height];
        for (var i = 0; i < source.Length; i++)
        {
            // Few levels, so ties and long runs are exercised as well as the extremes.
            source[i] = new Rgba32((byte)(random.Next(5) * 63), (byte)random.Next(256), (byte)(random.Next(2) * 255), (byte)random.Next(256));
        }

        var actual = new Rgba32[source.Length];
        MedianFilter.Apply(source, width, height, size, actual);

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Assert.Equal(NaiveMedian(source, width, height, size, x, y), actual[(y * width) + x]);
            }
        }
    }
}
