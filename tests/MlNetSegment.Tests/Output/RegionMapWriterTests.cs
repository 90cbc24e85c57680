using MlNetSegment.Evaluation;
using MlNetSegment.Output;
using MlNetSegment.Regions;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Output;

public class RegionMapWriterTests
{
    [Fact]
    public void Region_ids_round_trip_through_a_16_bit_png()
    {
        using var dir = new TempDirectory();
        const int W = 300;
        const int H = 2;
        int[] ids = [.. Enumerable.Range(0, W * H).Select(i => i == 0 ? 0 : 1 + (i % 299))];
        var map = new RegionMap(W, H, ids, 299, new byte[300]);
        RegionMapWriter.Write(dir.File("r.png"), map, overwrite: false);

        var (labels, width, height) = LabelImageReader.Read(dir.File("r.png"));
        Assert.Equal((W, H), (width, height));
        Assert.Equal(ids, labels);
        Assert.Throws<IOException>(() => RegionMapWriter.Write(dir.File("r.png"), map, overwrite: false));
    }

    [Fact]
    public void More_regions_than_16_bits_hold_are_refused()
    {
        using var dir = new TempDirectory();
        const int N = 70_000;
        var map = new RegionMap(N, 1, [.. Enumerable.Range(1, N)], N, new byte[N + 1]);
        var error = Assert.Throws<InvalidOperationException>(() => RegionMapWriter.Write(dir.File("r.png"), map, overwrite: false));
        Assert.Contains("70,000 regions", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("r.png")));
    }
}
