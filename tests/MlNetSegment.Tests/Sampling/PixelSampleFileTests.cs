using System.Buffers.Binary;
using MlNetSegment.IO;
using MlNetSegment.Sampling;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Sampling;

public class PixelSampleFileTests
{
    internal static PixelSample Sample(int pixels = 40, Shard? shard = null, long seen = 5000, int seed = 3) => new()
    {
        ToolVersion = "0.1.0",
        ColorSpace = ColorSpace.Lab,
        Seed = seed,
        Shard = shard ?? new Shard(2, 5),
        Capacity = Math.Max(1000, pixels),
        ImageCount = 7,
        SkippedCount = 1,
        PixelsSeen = seen,
        PixelCount = pixels,
        Colors = [.. Enumerable.Range(0, pixels).Select(i => (i * 2654435761u).GetHashCode() & 0xFFFFFF)],
    };

    [Fact]
    public void A_sample_file_reads_back_what_was_written()
    {
        using var dir = new TempDirectory();
        PixelSample sample = Sample(pixels: 1000, seen: 1000);

        PixelSampleFile.Write(dir.File("p.sample"), sample, overwrite: false);
        PixelSample read = PixelSampleFile.Read(dir.File("p.sample"));
        PixelSample header = PixelSampleFile.Read(dir.File("p.sample"), withColors: false);

        Assert.Equal(sample.Colors, read.Colors);
        Assert.Equal(sample with { Colors = read.Colors }, read);
        Assert.Empty(header.Colors);
        Assert.Equal(1000, header.PixelCount);
        Assert.Equal(8 + 2 + 1 + 5 + 1 + 3 + 20 + 24 + 4 + 3000 + 4, new FileInfo(dir.File("p.sample")).Length);
    }

    [Fact]
    public void Every_cut_is_refused_with_one_line()
    {
        byte[] bytes = PixelSampleFile.Encode(Sample());

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<SampleFileException>(() => PixelSampleFile.Decode(bytes.AsSpan(0, length), "p.sample"));
            Assert.DoesNotContain('\n', error.Message);
            if (length >= 10)
            {
                Assert.StartsWith("p.sample: cut short", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_flipped_bit_is_refused_with_one_line()
    {
        byte[] bytes = PixelSampleFile.Encode(Sample());

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            byte[] flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = Assert.Throws<SampleFileException>(() => PixelSampleFile.Decode(flipped, "p.sample"));
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Fact]
    public void Another_format_version_is_refused_naming_both()
    {
        byte[] bytes = PixelSampleFile.Encode(Sample());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);

        var error = Assert.Throws<SampleFileException>(() => PixelSampleFile.Decode(bytes, "p.sample"));

        Assert.Equal("p.sample: sample format version 2; this tool reads version 1", error.Message);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("count")]
    [InlineData("space")]
    [InlineData("shard")]
    [InlineData("images")] // 2^62 images used: refused in the part that claims it, not only in the merged sum (probe round 9)
    public void Fields_that_disagree_are_refused_even_with_a_good_checksum(string field)
    {
        PixelSample sample = Sample();
        byte[] bytes = PixelSampleFile.Encode(sample);
        int numbers = 8 + 2 + 1 + sample.ToolVersion.Length + 1 + 3;
        switch (field)
        {
            case "seed":
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(numbers + 12), sample.SampleSeed + 1);
                break;
            case "count":
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(numbers + 36), 41);
                break;
            case "space":
                bytes[numbers - 3] = (byte)'x';
                break;
            case "images":
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(numbers + 20), 1L << 62);
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(numbers + 4), 5);
                break;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));

        var error = Assert.Throws<SampleFileException>(() => PixelSampleFile.Decode(bytes, "p.sample"));

        Assert.Matches("^p.sample: (inconsistent|unknown colour space)", error.Message);
    }

    [Fact]
    public void A_huge_file_is_refused_before_it_is_read_whole_and_a_fifo_before_it_is_opened()
    {
        using var dir = new TempDirectory();
        using (var file = File.Create(dir.File("big.sample")))
        {
            file.SetLength(PixelSampleFile.MaxFileBytes + 1L);
        }

        Assert.Contains("too large for a sample file", Assert.Throws<SampleFileException>(() => PixelSampleFile.Read(dir.File("big.sample"))).Message, StringComparison.Ordinal);
        Assert.Contains("character device", Assert.Throws<SampleFileException>(() => PixelSampleFile.Read("/dev/zero")).Message, StringComparison.Ordinal);
        Assert.Equal($"{dir.File("none.sample")}: no such sample file", Assert.Throws<SampleFileException>(() => PixelSampleFile.Read(dir.File("none.sample"))).Message);
    }

    [Fact]
    public void One_shard_samples_with_the_seed_itself_and_shards_with_seeds_of_their_own()
    {
        Assert.Equal(7, PixelSample.ShardSeed(7, Shard.All));
        int[] seeds = [.. Enumerable.Range(0, 64).Select(i => PixelSample.ShardSeed(7, new Shard(i, 64)))];
        Assert.Equal(64, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
        Assert.NotEqual(PixelSample.ShardSeed(7, new Shard(1, 2)), PixelSample.ShardSeed(7, new Shard(1, 3)));
    }
}
