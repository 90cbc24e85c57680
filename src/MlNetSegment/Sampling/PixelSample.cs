using MlNetSegment.IO;

namespace MlNetSegment.Sampling;

/// <summary>
/// One shard's uniform pixel sample, as <c>sample</c> writes it (<see cref="PixelSampleFile"/>): the reservoir's
/// colours and what is needed to merge it with the other shards' exactly.
/// </summary>
internal sealed record PixelSample
{
    /// <summary>The version of the tool that sampled.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The colour space the sample is meant to be fitted in.</summary>
    public required ColorSpace ColorSpace { get; init; }

    /// <summary>The user's seed (<c>--seed</c>), the same for every shard of one batch.</summary>
    public required int Seed { get; init; }

    /// <summary>Which shard of the inputs was sampled.</summary>
    public required Shard Shard { get; init; }

    /// <summary>The seed the shard's reservoir ran with: <see cref="ShardSeed"/> of the seed and the shard.</summary>
    public int SampleSeed => ShardSeed(Seed, Shard);

    /// <summary>The reservoir's capacity (<c>--sample-pixels</c>).</summary>
    public required int Capacity { get; init; }

    /// <summary>Images that gave pixels to the sample.</summary>
    public required long ImageCount { get; init; }

    /// <summary>Images that could not be used.</summary>
    public required long SkippedCount { get; init; }

    /// <summary>Non-transparent pixels the shard's images hold: the weight of this part in a merge.</summary>
    public required long PixelsSeen { get; init; }

    /// <summary>Pixels in the sample: min(<see cref="PixelsSeen"/>, <see cref="Capacity"/>).</summary>
    public required int PixelCount { get; init; }

    /// <summary>The sampled colours, packed 0xRRGGBB, in reservoir order; empty when read without them.</summary>
    public required int[] Colors { get; init; }

    /// <summary>
    /// The seed of shard <paramref name="shard"/>'s reservoir: <paramref name="seed"/> itself for a single shard, so that
    /// <c>sample</c> of the whole list draws the very sample <c>train</c> draws; otherwise a SplitMix64 mix of the
    /// seed, I and N, so that shards draw independently.
    /// </summary>
    public static int ShardSeed(int seed, Shard shard)
    {
        if (shard.IsAll)
        {
            return seed;
        }

        ulong x = (uint)seed | ((ulong)(uint)shard.Index << 32);
        x ^= (ulong)(uint)shard.Count * 0xD1B54A32D192ED03;
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        x ^= x >> 31;
        return (int)(x >> 33);
    }
}
