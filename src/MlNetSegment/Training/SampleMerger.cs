using MlNetSegment.Color;
using MlNetSegment.Sampling;

namespace MlNetSegment.Training;

/// <summary>
/// Merges the sample files of a batch's shards into one sample that is exactly uniform over all pixels of all shards:
/// the reduce step of map/reduce training.
/// </summary>
/// <remarks>
/// Part i saw n_i pixels and holds a uniform sample of min(n_i, C_i) of them. The merged sample of M pixels takes k_i
/// from part i, where (k_1, ..., k_P) is drawn from the multivariate hypergeometric distribution of M draws without
/// replacement from all n_1 + ... + n_P pixels (each draw picks a part with probability remaining n_i / remaining
/// total), and the k_i pixels are a uniform subset of part i's sample. A uniform k-subset of a uniform subset is a
/// uniform k-subset of the whole, so the merged sample is a uniform M-subset of all pixels: the very law one machine's
/// reservoir over the whole list follows. Only headers are held while drawing the k_i; parts are then read one at a
/// time, so memory is one part plus the merged sample.
/// </remarks>
internal static class SampleMerger
{
    /// <summary>
    /// Reads and checks <paramref name="parts"/>, then draws a uniform sample of min(<paramref name="samplePixels"/>,
    /// pixels seen) pixels from them, seeded with <paramref name="seed"/>. Parts are taken in shard order, whatever
    /// order they are named in; a single part whose sample is taken whole keeps its order, so that one part of the
    /// whole list gives the very sample, and model, of <c>train</c> on that list.
    /// </summary>
    /// <exception cref="SampleFileException">A part is unreadable or damaged; parts of different tool or format
    /// versions, colour spaces, seeds or shard counts; a shard named twice or missing; or a part holding fewer pixels
    /// than its share of the merged sample may need.</exception>
    public static MergedSample Merge(IReadOnlyList<string> parts, int samplePixels, int seed, ColorSpace colorSpace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplePixels, 1);
        if (parts.Count == 0)
        {
            throw new ArgumentException("No sample files.", nameof(parts));
        }

        var headers = parts.Select(p => (Path: p, Sample: PixelSampleFile.Read(p, withColors: false))).ToList();
        Check(headers, seed, colorSpace);
        headers.Sort((a, b) => a.Sample.Shard.Index.CompareTo(b.Sample.Shard.Index));
        long seen = headers.Sum(h => h.Sample.PixelsSeen);
        int merged = (int)Math.Min(samplePixels, seen);
        foreach (var (path, sample) in headers)
        {
            if (sample.PixelCount < Math.Min(sample.PixelsSeen, merged))
            {
                throw new SampleFileException(
                    path, $"holds {sample.PixelCount:N0} of its {sample.PixelsSeen:N0} pixels, fewer than the {merged:N0} a merged sample may need from it: sample with --sample-pixels {merged} or train with --sample-pixels {sample.PixelCount}");
            }
        }

        var random = new Random(seed);
        long[] take = Allocate([.. headers.Select(h => h.Sample.PixelsSeen)], merged, random);
        var colors = new int[merged];
        var filled = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (take[i] == 0)
            {
                continue;
            }

            PixelSample part = PixelSampleFile.Read(headers[i].Path);
            if (part with { Colors = headers[i].Sample.Colors } != headers[i].Sample)
            {
                throw new SampleFileException(headers[i].Path, "changed while it was being read");
            }

            filled += Select(part.Colors, (int)take[i], random, colors.AsSpan(filled));
        }

        return new MergedSample(colors, headers.Sum(h => h.Sample.ImageCount), seen, headers.Count);
    }

    private static void Check(List<(string Path, PixelSample Sample)> parts, int seed, ColorSpace colorSpace)
    {
        var (firstPath, first) = parts[0];
        var shards = new Dictionary<int, string>();
        foreach (var (path, sample) in parts)
        {
            string? problem =
                sample.ToolVersion != first.ToolVersion ? $"was sampled by MlNetSegment {sample.ToolVersion}, {firstPath} by {first.ToolVersion}"
                : sample.ColorSpace != colorSpace ? $"was sampled for colour space {ColorSpaceNames.ToName(sample.ColorSpace)}, but train runs in {ColorSpaceNames.ToName(colorSpace)} (--color-space)"
                : sample.Seed != seed ? $"was sampled with seed {sample.Seed}, but train has seed {seed} (--seed)"
                : sample.Shard.Count != first.Shard.Count ? $"is shard {sample.Shard} and {firstPath} is shard {first.Shard}: parts of one split have one N"
                : shards.TryGetValue(sample.Shard.Index, out string? twin) ? $"is shard {sample.Shard}, as is {twin}: a part named twice?"
                : null;
            if (problem is not null)
            {
                throw new SampleFileException(path, problem);
            }

            shards[sample.Shard.Index] = path;
        }

        if (shards.Count != first.Shard.Count)
        {
            IEnumerable<int> missing = Enumerable.Range(0, first.Shard.Count).Where(i => !shards.ContainsKey(i)).Take(10);
            throw new SampleFileException(
                firstPath, $"is one of {first.Shard.Count} shards, but only {shards.Count} part(s) are given: shard(s) {string.Join(", ", missing)}{(first.Shard.Count - shards.Count > 10 ? ", ..." : string.Empty)} missing");
        }
    }

    // The multivariate hypergeometric draw of how many of the merged sample's pixels come from each part: `merged`
    // draws without replacement, each picking a part with probability (pixels it has left) / (pixels left in all), found
    // in O(log parts) through a Fenwick tree of the counts left.
    private static long[] Allocate(long[] seen, int merged, Random random)
    {
        var take = new long[seen.Length];
        if (seen.Length == 1)
        {
            take[0] = merged;
            return take;
        }

        int n = seen.Length;
        var tree = new long[n + 1];
        for (var i = 0; i < n; i++)
        {
            for (int j = i + 1; j <= n; j += j & -j)
            {
                tree[j] += seen[i];
            }
        }

        long left = seen.Sum();
        int top = 1;
        while (top * 2 <= n)
        {
            top *= 2;
        }

        for (var draw = 0; draw < merged; draw++)
        {
            long target = random.NextInt64(left);
            var position = 0;
            for (int step = top; step > 0; step >>= 1)
            {
                if (position + step <= n && tree[position + step] <= target)
                {
                    position += step;
                    target -= tree[position];
                }
            }

            take[position]++;
            for (int j = position + 1; j <= n; j += j & -j)
            {
                tree[j]--;
            }

            left--;
        }

        return take;
    }

    // A uniform subset of `count` of `colors`, kept in their order (selection sampling, Knuth's Algorithm S).
    private static int Select(int[] colors, int count, Random random, Span<int> destination)
    {
        if (count == colors.Length)
        {
            colors.CopyTo(destination);
            return count;
        }

        var chosen = 0;
        for (var i = 0; i < colors.Length && chosen < count; i++)
        {
            if (random.NextInt64(colors.Length - i) < count - chosen)
            {
                destination[chosen++] = colors[i];
            }
        }

        return chosen;
    }
}
