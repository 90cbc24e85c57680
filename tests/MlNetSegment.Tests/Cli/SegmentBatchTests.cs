using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class SegmentBatchTests
{
    [Fact]
    public void A_batch_writes_what_segment_writes_for_each_image_alone_under_apply_names()
    {
        using var dir = new TempDirectory();
        string list = ShardCommandTests.WriteCrops(dir, 4);

        var batch = CliRunner.Run(dir.Path, "segment", "--inputs-from", list, "-k", "5", "-o", "out", "--labels", "--report", "--manifest", "m.jsonl");

        Assert.True(batch.ExitCode == 0, batch.StdErr);
        Assert.Contains("segment: 4 succeeded, 0 skipped (outputs exist), 0 failed", batch.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(dir.File("m.jsonl")).Length);
        foreach (string image in File.ReadAllLines(dir.File(list)))
        {
            string stem = Path.ChangeExtension(image, null);
            var alone = CliRunner.Run(dir.Path, "segment", image, "-k", "5", "-o", "alone.png", "--labels", "alone.labels.png", "--force");
            Assert.Equal(0, alone.ExitCode);
            Assert.Equal(File.ReadAllBytes(dir.File("alone.png")), File.ReadAllBytes(dir.File($"out/{stem}.segmented.png")));
            Assert.Equal(File.ReadAllBytes(dir.File("alone.labels.png")), File.ReadAllBytes(dir.File($"out/{stem}.labels.png")));
            Assert.True(File.Exists(dir.File($"out/{stem}.report.json")));
        }
    }

    [Fact]
    public void A_sharded_batch_equals_one_batch_and_a_rerun_skips_finished_images()
    {
        using var dir = new TempDirectory();
        string list = ShardCommandTests.WriteCrops(dir, 6);
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", "--inputs-from", list, "-k", "4", "-o", "one", "--masks").ExitCode);
        for (var i = 0; i < 2; i++)
        {
            var shard = CliRunner.Run(dir.Path, "segment", "--inputs-from", list, "-k", "4", "-o", "two", "--masks", "--shard", $"{i}/2", "--manifest", $"m/{i}.jsonl");
            Assert.True(shard.ExitCode == 0, shard.StdErr);
        }

        var rerun = CliRunner.Run(dir.Path, "segment", "--inputs-from", list, "-k", "4", "-o", "two", "--masks", "--shard", "0/2", "--manifest", "m/0.jsonl");

        string[] files = [.. Directory.EnumerateFiles(dir.File("one"), "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.File("one"), f)).Order(StringComparer.Ordinal)];
        Assert.Equal(6 * 5, files.Length);
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("one"), f)), File.ReadAllBytes(Path.Combine(dir.File("two"), f))));
        Assert.Contains("0 succeeded", rerun.StdOut, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(dir.File("m/0.jsonl")), line => Assert.Contains("\"status\":\"skipped\"", line, StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run(dir.Path, "summarize", "m").ExitCode);
    }

    [Fact]
    public void A_directory_alone_is_one_file_as_before_and_a_batch_with_recursive()
    {
        using var dir = new TempDirectory();
        ShardCommandTests.WriteCrops(dir, 2);

        var alone = CliRunner.Run(dir.Path, "segment", "imgs", "-k", "3", "-o", "out.png");
        var walked = CliRunner.Run(dir.Path, "segment", "imgs", "--recursive", "-k", "3", "-o", "out");

        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("it is a directory", alone.StdErr, StringComparison.Ordinal);
        Assert.True(walked.ExitCode == 0, walked.StdErr);
        Assert.Equal(2, Directory.GetFiles(dir.File("out"), "*.segmented.png").Length);
    }

    [Theory]
    [InlineData("a.png b.png -k 4", "needs -o OUTDIR")]
    [InlineData("a.png b.png -o a.png", "this is a file")]
    [InlineData("a.png b.png -o out --labels l.png", "--labels takes no PATH in a batch ('l.png')")]
    [InlineData("a.png b.png -o out --save-model m.zip", "--save-model cannot be used in a batch")]
    [InlineData("a.png b.png -o out --regions r.png", "the regions options cannot be used in a batch")]
    [InlineData("a.png --labels", "--labels needs a PATH when segmenting one image")]
    [InlineData("-k 4", "segment needs an input image (or --inputs-from FILE)")]
    [InlineData("a.png -o out --shard 2/2", "--shard 2/2: N must be")]
    public void Batch_usage_errors_are_one_line_before_any_work(string arguments, string message)
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));
        File.Copy(TestImages.Sample("chelsea.png"), dir.File("b.png"));

        var result = CliRunner.Run(dir.Path, ["segment", .. arguments.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFileSystemEntries(dir.Path).Length);
    }
}
