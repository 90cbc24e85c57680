using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Tests.Cli;

public class ShardCommandTests
{
    private static readonly Dictionary<string, string> NoJobArray = new()
    {
        ["SLURM_ARRAY_TASK_ID"] = string.Empty,
        ["JOB_COMPLETION_INDEX"] = string.Empty,
    };

    [Fact]
    public void Apply_sharded_three_ways_writes_byte_identical_outputs_to_one_apply()
    {
        using var dir = new TempDirectory();
        string list = WriteCrops(dir, 10);
        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");
        string[] flags = ["--labels", "--report", "--masks"];

        var one = CliRunner.Run(dir.Path, ["apply", model, "--inputs-from", list, "-o", "one", .. flags]);
        Assert.Equal(0, one.ExitCode);
        for (var i = 0; i < 3; i++)
        {
            var environment = new Dictionary<string, string>(NoJobArray) { ["JOB_COMPLETION_INDEX"] = $"{i}", ["MLNETSEGMENT_SHARD_COUNT"] = "3" };
            string[] shard = i == 0 ? ["--shard", "0/3"] : ["--shard", "auto"];
            var part = CliRunner.RunWithEnvironment(dir.Path, environment, ["apply", model, "--inputs-from", list, "-o", "sharded", .. shard, .. flags]);
            Assert.True(part.ExitCode == 0, part.StdErr);
            Assert.Contains($"(shard {i}/3)", part.StdOut, StringComparison.Ordinal);
        }

        string[] expected = Files(dir.File("one"));
        Assert.Equal(10 * (3 + 12), expected.Length);
        Assert.Equal(expected, Files(dir.File("sharded")));
        Assert.All(expected, f => Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("one"), f)), File.ReadAllBytes(Path.Combine(dir.File("sharded"), f))));
    }

    [Fact]
    public void Shard_auto_outside_a_job_array_and_a_bad_shard_are_usage_errors_before_any_work()
    {
        using var dir = new TempDirectory();
        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

        var auto = CliRunner.RunWithEnvironment(dir.Path, NoJobArray, "apply", model, TestImages.Sample("coffee.png"), "-o", "out", "--shard", "auto");
        var bad = CliRunner.Run(dir.Path, "apply", model, TestImages.Sample("coffee.png"), "-o", "out", "--shard", "3/3");

        Assert.Equal(2, auto.ExitCode);
        Assert.Equal(["error: --shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; pass --shard I/N"], auto.ErrorLines);
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.ErrorLines);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    /// <summary>Writes <paramref name="count"/> small crops of the sample photos under imgs/ and a list of them.</summary>
    internal static string WriteCrops(TempDirectory dir, int count)
    {
        string[] photos = ["coffee.png", "chelsea.png", "astronaut.png", "rocket.jpg"];
        Directory.CreateDirectory(dir.File("imgs"));
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var image = Image.Load<Rgba32>(TestImages.Sample(photos[i % photos.Length]));
            int size = 64 + (i % 3) * 16;
            image.Mutate(x => x.Crop(new Rectangle((i * 37) % (image.Width - size), (i * 23) % (image.Height - size), size, size)));
            string name = $"imgs/crop{i:D3}.png";
            image.SaveAsPng(dir.File(name));
            lines.Add(name);
        }

        File.WriteAllLines(dir.File("list.txt"), lines);
        return "list.txt";
    }

    private static string[] Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];
}
