using System.Text.Json;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class MapReduceTrainTests
{
    [Fact]
    public void One_sample_of_the_whole_list_reduces_to_the_very_model_train_writes()
    {
        using var dir = new TempDirectory();
        string list = ShardCommandTests.WriteCrops(dir, 8);

        var train = CliRunner.Run(dir.Path, "train", "--inputs-from", list, "-k", "6", "-o", "one.zip", "--sample-pixels", "20000");
        var sample = CliRunner.Run(dir.Path, "sample", "--inputs-from", list, "-o", "all.sample", "--sample-pixels", "20000");
        var reduce = CliRunner.Run(dir.Path, "train", "--from-samples", "all.sample", "-k", "6", "-o", "reduced.zip", "--sample-pixels", "20000");

        Assert.Equal(0, train.ExitCode);
        Assert.True(sample.ExitCode == 0, sample.StdErr);
        Assert.True(reduce.ExitCode == 0, reduce.StdErr);
        Assert.Equal(File.ReadAllBytes(dir.File("one.zip")), File.ReadAllBytes(dir.File("reduced.zip")));
    }

    [Fact]
    public void Shards_sampled_apart_reduce_to_a_model_of_all_the_images()
    {
        using var dir = new TempDirectory();
        string list = ShardCommandTests.WriteCrops(dir, 9);
        Directory.CreateDirectory(dir.File("parts"));
        for (var i = 0; i < 4; i++)
        {
            var environment = new Dictionary<string, string>
            {
                ["SLURM_ARRAY_TASK_ID"] = $"{10 + i}",
                ["SLURM_ARRAY_TASK_MIN"] = "10",
                ["SLURM_ARRAY_TASK_MAX"] = "13",
                ["SLURM_ARRAY_TASK_COUNT"] = "4",
            };
            var part = CliRunner.RunWithEnvironment(dir.Path, environment, "sample", "--inputs-from", list, "--shard", "auto", "-o", $"parts/p{i}.sample", "--sample-pixels", "5000", "--seed", "3");
            Assert.True(part.ExitCode == 0, part.StdErr);
            Assert.Contains($"(shard {i}/4)", part.StdOut, StringComparison.Ordinal);
        }

        var reduce = CliRunner.Run(dir.Path, "train", "--from-samples", "parts", "-k", "5", "-o", "m.zip", "--sample-pixels", "5000", "--seed", "3");
        var inspect = CliRunner.Run(dir.Path, "inspect", "m.zip", "--json");

        Assert.True(reduce.ExitCode == 0, reduce.StdErr);
        using JsonDocument json = JsonDocument.Parse(inspect.StdOut);
        JsonElement trainedOn = json.RootElement.GetProperty("trainedOn");
        Assert.Equal(9, trainedOn.GetProperty("imageCount").GetInt32());
        Assert.Equal(5000, trainedOn.GetProperty("sampledPixels").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public void A_shard_without_inputs_writes_an_empty_part_that_the_reduce_counts()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));
        Directory.CreateDirectory(dir.File("parts"));

        // "coffee" falls in shard 1 of 2 (the README's rule), so shard 0 is empty.
        var empty = CliRunner.Run(dir.Path, "sample", "coffee.png", "--shard", "0/2", "-o", "parts/0.sample");
        var full = CliRunner.Run(dir.Path, "sample", "coffee.png", "--shard", "1/2", "-o", "parts/1.sample");
        var reduce = CliRunner.Run(dir.Path, "train", "--from-samples", "parts/0.sample", "parts/1.sample", "-k", "4", "-o", "m.zip");

        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("holds none of the inputs", empty.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, full.ExitCode);
        Assert.True(reduce.ExitCode == 0, reduce.StdErr);
        Assert.Contains("of 1 image(s), merged from 2 sample file(s)", reduce.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_cut_short_flipped_or_of_another_version_are_refused_with_one_line_and_no_model()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "sample", TestImages.Sample("chelsea.png"), "-o", "good.sample", "--sample-pixels", "2000").ExitCode);
        byte[] good = File.ReadAllBytes(dir.File("good.sample"));
        File.WriteAllBytes(dir.File("cut.sample"), good[..(good.Length / 2)]);
        byte[] flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x10;
        File.WriteAllBytes(dir.File("flipped.sample"), flipped);
        byte[] newer = (byte[])good.Clone();
        newer[8] = 7;
        File.WriteAllBytes(dir.File("newer.sample"), newer);

        foreach (var (part, message) in new[] { ("cut.sample", "cut short"), ("flipped.sample", "damaged (checksum mismatch)"), ("newer.sample", "sample format version 7; this tool reads version 1") })
        {
            var result = CliRunner.Run(dir.Path, "train", "--from-samples", part, "-k", "4", "-o", "m.zip", "--sample-pixels", "2000");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal([$"error: {part}: {message}" + (message == "cut short" ? $" ({good.Length / 2:N0} of {good.Length:N0} bytes)" : string.Empty)], result.ErrorLines);
            Assert.False(File.Exists(dir.File("m.zip")));
        }
    }
}
