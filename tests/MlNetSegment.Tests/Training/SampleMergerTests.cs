using MlNetSegment.IO;
using MlNetSegment.Sampling;
using MlNetSegment.Tests.TestSupport;
using MlNetSegment.Training;

namespace MlNetSegment.Tests.Training;

public class SampleMergerTests
{
    [Fact]
    public void The_merged_sample_draws_from_each_part_in_proportion_to_the_pixels_it_saw_and_uniformly_within_it()
    {
        // Three shards that saw 1,000, 3,000 and 6,000 pixels, each holding a sample of 1,000 of them; colour = part * 10000 + slot.
        using var dir = new TempDirectory();
        long[] seen = [1000, 3000, 6000];
        var fromPart = new double[3];
        var slotCounts = new int[1000];
        const int Merges = 300;

        for (var seed = 0; seed < Merges; seed++)
        {
            string[] parts = [.. Enumerable.Range(0, 3).Select(i => Write(dir, i, 3, seen[i], [.. Enumerable.Range(0, 1000).Select(j => (i * 10000) + j)], seed))];
            MergedSample merged = SampleMerger.Merge(parts, 1000, seed, ColorSpace.Hsv);
            Assert.Equal(1000, merged.Colors.Length);
            Assert.Equal(merged.Colors.Length, merged.Colors.Distinct().Count());
            foreach (int color in merged.Colors)
            {
                fromPart[color / 10000]++;
                if (color / 10000 == 2)
                {
                    slotCounts[color % 10000]++;
                }
            }
        }

        // Expected 100, 300 and 600 per merge; the standard error of a mean of 300 hypergeometric draws is about 0.5-0.8.
        Assert.InRange(fromPart[0] / Merges, 97, 103);
        Assert.InRange(fromPart[1] / Merges, 296, 304);
        Assert.InRange(fromPart[2] / Merges, 596, 604);

        // Within part 2 each slot is taken with probability 0.6: 180 times in 300 merges, give or take 8.5.
        Assert.InRange(slotCounts.Average(), 179, 181);
        Assert.InRange(slotCounts.Min(), 140, 180);
        Assert.InRange(slotCounts.Max(), 180, 220);
        Assert.InRange(slotCounts.Take(500).Average() - slotCounts.Skip(500).Average(), -3, 3);
    }

    [Fact]
    public void One_part_taken_whole_keeps_its_order_and_parts_are_taken_in_shard_order()
    {
        using var dir = new TempDirectory();
        string one = Write(dir, 0, 1, 50_000, [.. Enumerable.Range(0, 1000)]);
        string a = Write(dir, 0, 2, 10, [.. Enumerable.Range(0, 10)]);
        string b = Write(dir, 1, 2, 5, [.. Enumerable.Range(100, 5)]);

        Assert.Equal(Enumerable.Range(0, 1000), SampleMerger.Merge([one], 1000, 0, ColorSpace.Hsv).Colors);
        MergedSample both = SampleMerger.Merge([b, a], 1000, 0, ColorSpace.Hsv);
        Assert.Equal([.. Enumerable.Range(0, 10), .. Enumerable.Range(100, 5)], both.Colors);
        Assert.Equal((14L, 15L, 2), (both.ImageCount, both.PixelsSeen, both.PartCount));
    }

    [Fact]
    public void Parts_that_do_not_belong_together_are_refused_naming_one_and_why()
    {
        using var dir = new TempDirectory();
        string a = Write(dir, 0, 2, 10, [.. Enumerable.Range(0, 10)]);
        string b = Write(dir, 1, 2, 5, [.. Enumerable.Range(100, 5)]);
        string three = Write(dir, 1, 3, 5, [.. Enumerable.Range(100, 5)]);
        string seeded = Write(dir, 1, 2, 5, [.. Enumerable.Range(100, 5)], seed: 9);
        string lab = Write(dir, 1, 2, 5, [.. Enumerable.Range(100, 5)], space: ColorSpace.Lab);
        string newer = Write(dir, 1, 2, 5, [.. Enumerable.Range(100, 5)], tool: "9.9.9");
        string full = Write(dir, 1, 2, 100_000, [.. Enumerable.Range(100, 1000)]);

        Assert.Contains("shard(s) 1 missing", Error([a]), StringComparison.Ordinal);
        Assert.Contains("as is", Error([a, b, a]), StringComparison.Ordinal);
        Assert.Contains("parts of one split have one N", Error([a, three]), StringComparison.Ordinal);
        Assert.Contains("was sampled with seed 9, but train has seed 0 (--seed)", Error([a, seeded]), StringComparison.Ordinal);
        Assert.Contains("was sampled for colour space lab, but train runs in hsv", Error([a, lab]), StringComparison.Ordinal);
        Assert.Contains("was sampled by MlNetSegment 9.9.9", Error([a, newer]), StringComparison.Ordinal);
        Assert.Contains("fewer than the 5,000 a merged sample may need from it", Error([a, full], 5000), StringComparison.Ordinal);
    }

    private static string Error(string[] parts, int pixels = 1000) =>
        Assert.Throws<SampleFileException>(() => SampleMerger.Merge(parts, pixels, 0, ColorSpace.Hsv)).Message;

    private static string Write(TempDirectory dir, int index, int count, long seen, int[] colors, int seed = 0, ColorSpace space = ColorSpace.Hsv, string tool = "0.1.0")
    {
        string path = dir.File($"{Guid.NewGuid():N}.sample");
        PixelSampleFile.Write(path, new PixelSample
        {
            ToolVersion = tool,
            ColorSpace = space,
            Seed = seed,
            Shard = new Shard(index, count),
            Capacity = 1000,
            ImageCount = 7,
            SkippedCount = 0,
            PixelsSeen = seen,
            PixelCount = colors.Length,
            Colors = colors,
        }, overwrite: false);
        return path;
    }
}
