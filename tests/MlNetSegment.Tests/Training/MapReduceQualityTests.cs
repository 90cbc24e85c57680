using MlNetSegment.Clustering;
using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Sampling;
using MlNetSegment.Tests.TestSupport;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace MlNetSegment.Tests.Training;

/// <summary>
/// Issue #14's bar: a map/reduce palette's clustering error (partition SSE in RGB over all images) is at most 2% above
/// the median of one machine's train on the same list with the same sample size, over seeds 0-2.
/// </summary>
public class MapReduceQualityTests(ITestOutputHelper output)
{
    private static readonly PaletteTrainingOptions Options = new() { Clusters = 12, SamplePixels = 50_000 };

    [Fact]
    public void Palettes_from_1_2_and_4_shards_cluster_48_photo_crops_within_2_percent_of_one_machine()
    {
        using var dir = new TempDirectory();
        List<string> crops = WriteCrops(dir, 48);
        double[] single = [.. Enumerable.Range(0, 3).Select(seed => Sse(PaletteTrainer.Train(crops, Options with { Seed = seed }).Model, crops))];
        double median = Median(single);
        output.WriteLine($"one machine: SSE {string.Join(", ", single.Select(s => s.ToString("E4")))}; median {median:E4}; spread {(single.Max() / single.Min()) - 1:P1}");

        foreach (int shards in new[] { 1, 2, 4 })
        {
            double[] reduced = [.. Enumerable.Range(0, 3).Select(seed => Sse(MapReduce(dir, crops, shards, seed), crops))];
            double ratio = Median(reduced) / median;
            output.WriteLine($"{shards} shard(s): SSE {string.Join(", ", reduced.Select(s => s.ToString("E4")))}; median / one machine's median = {ratio:F4}");
            Assert.True(ratio <= 1.02, $"{shards} shards: {ratio:F4}");
        }
    }

    // The map step as `sample --shard I/N` does it, then the reduce step as `train --from-samples` does it.
    private static PaletteModel MapReduce(TempDirectory dir, List<string> crops, int count, int seed)
    {
        var parts = new List<string>();
        string currentFolder = Directory.GetCurrentDirectory();
        for (var i = 0; i < count; i++)
        {
            var shard = new Shard(i, count);
            List<string> mine = [.. crops.Where(c => shard.Contains(InputList.StemOf(c, currentFolder)))];
            BatchSample sample = BatchSampler.Sample(mine, Options.SamplePixels, PixelSample.ShardSeed(seed, shard));
            string part = dir.File($"s{seed}-{i}-of-{count}.sample");
            PixelSampleFile.Write(part, new PixelSample
            {
                ToolVersion = ToolInfo.Version,
                ColorSpace = Options.ColorSpace,
                Seed = seed,
                Shard = shard,
                Capacity = Options.SamplePixels,
                ImageCount = sample.ImageCount,
                SkippedCount = 0,
                PixelsSeen = sample.Reservoir.Seen,
                PixelCount = sample.Reservoir.Count,
                Colors = [.. sample.Reservoir.Items.ToArray().Select(p => DistinctColors.Pack(p.Color))],
            }, overwrite: true);
            parts.Add(part);
        }

        return PaletteTrainer.TrainFromSamples(parts, Options with { Seed = seed }).Model;
    }

    // Partition SSE in RGB: the squared distance of every pixel to the RGB mean of its cluster, over all images.
    private static double Sse(PaletteModel model, List<string> images)
    {
        int k = model.ClusterCount;
        var n = new double[k];
        var sums = new double[k, 3];
        var squares = new double[k];
        foreach (string path in images)
        {
            using Image<Rgba32> image = ImageLoader.Load(path);
            LabelMap labels = model.Label(image);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    Span<Rgba32> row = rows.GetRowSpan(y);
                    ReadOnlySpan<byte> labelRow = labels.GetRow(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        int c = labelRow[x];
                        n[c]++;
                        sums[c, 0] += row[x].R;
                        sums[c, 1] += row[x].G;
                        sums[c, 2] += row[x].B;
                        squares[c] += (row[x].R * row[x].R) + (row[x].G * row[x].G) + (row[x].B * row[x].B);
                    }
                }
            });
        }

        double sse = 0;
        for (var c = 0; c < k; c++)
        {
            if (n[c] > 0)
            {
                sse += squares[c] - (((sums[c, 0] * sums[c, 0]) + (sums[c, 1] * sums[c, 1]) + (sums[c, 2] * sums[c, 2])) / n[c]);
            }
        }

        return sse;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static List<string> WriteCrops(TempDirectory dir, int count)
    {
        string[] photos = ["coffee.png", "chelsea.png", "astronaut.png", "rocket.jpg"];
        var paths = new List<string>();
        var random = new Random(14);
        for (var i = 0; i < count; i++)
        {
            using var image = Image.Load<Rgba32>(TestImages.Sample(photos[i % photos.Length]));
            int size = random.Next(96, 193);
            image.Mutate(x => x.Crop(new Rectangle(random.Next(image.Width - size), random.Next(image.Height - size), size, size)));
            string path = dir.File($"crop{i:D2}.png");
            image.SaveAsPng(path);
            paths.Add(path);
        }

        return paths;
    }
}
