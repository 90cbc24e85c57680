using System.Buffers.Binary;
using MlNetSegment.IO;
using MlNetSegment.Sampling;
using MlNetSegment.Training;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Mutated sample files (<c>.sample</c>) through <see cref="PixelSampleFile.Read"/> and, when one reads, the merge of
/// <c>train --from-samples</c> (<see cref="SampleMerger.Merge"/>). Besides the byte mutations of <see cref="Mutator"/>,
/// half the inputs get a field rewritten to a lie with the checksum repaired, so that the checks behind the checksum
/// are reached. A one-line <see cref="SampleFileException"/> is a clean refusal; anything else, not finishing in time,
/// or more than 256 MB allocated on one input is a failure.
/// </summary>
internal sealed class SampleTarget : IFuzzTarget
{
    private const long MaxAllocatedBytes = 256L << 20;

    // Lies worth telling in the fixed fields: signs, limits and off-by-ones.
    private static readonly long[] Interesting = [0, 1, -1, 2, 999, 1000, 1001, 10_000_000, 10_000_001, int.MaxValue, int.MinValue, uint.MaxValue, long.MaxValue, long.MinValue];

    private readonly (string Name, byte[] Bytes)[] _seeds =
    [
        ("one-shard", Seed(1000, Shard.All, 1000, ColorSpace.Hsv, 0)),
        ("full-reservoir", Seed(1500, Shard.All, 2_000_000, ColorSpace.Lab, 7)),
        ("empty-shard", Seed(0, new Shard(3, 4), 0, ColorSpace.Rgb, 1)),
        ("small", Seed(12, Shard.All, 12, ColorSpace.HsvLinear, 2)),
    ];

    public string Name => "sample";

    public string AcceptedWord => "merged";

    public int SeedCount => _seeds.Length;

    public string SeedName(int index) => _seeds[index].Name;

    public byte[] Make(int seedIndex, Random random, List<string> applied)
    {
        byte[] seed = _seeds[seedIndex].Bytes;
        if (random.Next(2) == 0)
        {
            return Mutator.Mutate(seed, [.. _seeds.Select(s => s.Bytes)], random, applied);
        }

        // A lie in one field of the header (after the magic, version and two short names), checksum repaired.
        byte[] bytes = (byte[])seed.Clone();
        int numbers = 8 + 2 + 1 + bytes[10] + 1 + bytes[11 + bytes[10]];
        int[] offsets = [0, 4, 8, 12, 16, 20, 28, 36, 44];
        int field = random.Next(offsets.Length);
        int at = numbers + offsets[field];
        long value = Interesting[random.Next(Interesting.Length)];
        if (field is >= 5 and <= 7)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), unchecked((int)value));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        applied.Add($"field {field} = {value}, checksum repaired");
        return bytes;
    }

    public (Fuzzer.Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout) => Run(input, timeout);

    /// <summary>Reads <paramref name="input"/> as a sample file and merges it, on its own thread.</summary>
    public static (Fuzzer.Outcome Outcome, Exception? Error) Run(byte[] input, TimeSpan timeout)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsegment-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.sample");
        File.WriteAllBytes(path, input);
        try
        {
            return Fuzzer.RunIsolated(
                () =>
                {
                    PixelSample sample = PixelSampleFile.Read(path);
                    SampleMerger.Merge([path], Math.Max(1, Math.Min(sample.Capacity, 50_000)), sample.Seed, sample.ColorSpace);
                },
                ex => ex is SampleFileException && !ex.Message.Contains('\n', StringComparison.Ordinal),
                timeout,
                MaxAllocatedBytes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Seed(int pixels, Shard shard, long seen, ColorSpace space, int seed)
    {
        var random = new Random(pixels + seed);
        return PixelSampleFile.Encode(new PixelSample
        {
            ToolVersion = "0.1.0",
            ColorSpace = space,
            Seed = seed,
            Shard = shard,
            Capacity = Math.Max(1000, pixels),
            ImageCount = seen == 0 ? 0 : 3,
            SkippedCount = 1,
            PixelsSeen = seen,
            PixelCount = pixels,
            Colors = [.. Enumerable.Range(0, pixels).Select(_ => random.Next(1 << 24))],
        });
    }
}
