using System.Diagnostics;
using System.Text.Json;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class ManifestCommandTests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void Apply_writes_one_entry_per_input_and_a_rerun_replaces_the_manifest()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.png"), [1, 2, 3]);
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));
        File.WriteAllText(dir.File("list.txt"), "coffee.png\nbad.png\n");

        var first = CliRunner.Run(dir.Path, "apply", Model, "--inputs-from", "list.txt", "-o", "out", "--labels", "--manifest", "m/run.jsonl");
        Assert.Equal(1, first.ExitCode);
        Assert.Equal(
            [
                """{"input":"coffee.png","status":"ok","outputs":["out/coffee.segmented.png","out/coffee.labels.png"],"error":null}""",
                """{"input":"bad.png","status":"failed","outputs":[],"error":"bad.png: not a supported image (expected PNG, JPEG, BMP, GIF)"}""",
            ],
            File.ReadAllLines(dir.File("m/run.jsonl")));

        File.Delete(dir.File("bad.png"));
        File.WriteAllText(dir.File("list.txt"), "coffee.png\n");
        var second = CliRunner.Run(dir.Path, "apply", Model, "--inputs-from", "list.txt", "-o", "out", "--labels", "--manifest", "m/run.jsonl");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(
            ["""{"input":"coffee.png","status":"skipped","outputs":["out/coffee.segmented.png","out/coffee.labels.png"],"error":null}"""],
            File.ReadAllLines(dir.File("m/run.jsonl")));
    }

    [Fact]
    public void A_manifest_path_holding_something_else_is_refused_and_kept_unless_force_replaces_a_file()
    {
        // Probe round 9, finding 1: --manifest deleted and replaced whatever its path held, without --force (a file
        // of notes, a FIFO, and as root /dev/null itself).
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));
        File.WriteAllText(dir.File("notes.jsonl"), "my notes\n");
        string fifo = Imaging.ImageLoaderHostileInputTests.MakeFifo(dir, "pipe.jsonl");

        var notes = CliRunner.Run(dir.Path, "apply", Model, "coffee.png", "-o", "out", "--manifest", "notes.jsonl");
        var pipe = CliRunner.Run(dir.Path, "apply", Model, "coffee.png", "-o", "out", "--manifest", "pipe.jsonl", "--force");
        var segmentBatch = CliRunner.Run(dir.Path, "segment", "coffee.png", "coffee.png", "-o", "seg", "--manifest", "notes.jsonl");

        Assert.Equal(2, notes.ExitCode);
        Assert.Equal("error: notes.jsonl: exists and is not a manifest; --manifest replaces only a manifest (use --force to replace it)", Assert.Single(notes.ErrorLines));
        Assert.Equal(2, pipe.ExitCode);
        Assert.Equal("error: pipe.jsonl: --manifest writes a regular file, and it is a FIFO (named pipe), not a regular file", Assert.Single(pipe.ErrorLines));
        Assert.Equal(2, segmentBatch.ExitCode);
        Assert.Equal("my notes\n", File.ReadAllText(dir.File("notes.jsonl")));
        Assert.NotNull(MlNetSegment.IO.RegularFile.WhyNotRegular(fifo));
        Assert.False(Directory.Exists(dir.File("out")));

        var forced = CliRunner.Run(dir.Path, "apply", Model, "coffee.png", "-o", "out", "--manifest", "notes.jsonl", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("""{"input":"coffee.png","status":"ok",""", File.ReadAllText(dir.File("notes.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_FIFO_named_like_a_mask_fails_its_image_instead_of_counting_as_done()
    {
        // Probe round 10: without --force the FIFO was kept as a finished mask and the manifest listed it as an output.
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));
        Directory.CreateDirectory(dir.File("out/a.masks"));
        string fifo = Imaging.ImageLoaderHostileInputTests.MakeFifo(dir, "out/a.masks/cluster-0.png");

        var run = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "out", "--masks", "--manifest", "m.jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cluster-0.png: it is a FIFO (named pipe), not a regular file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"failed\"", File.ReadAllText(dir.File("m.jsonl")), StringComparison.Ordinal);
        Assert.NotNull(MlNetSegment.IO.RegularFile.WhyNotRegular(fifo));
    }

    [Fact]
    public void Force_never_replaces_a_FIFO_at_an_output_path()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));
        string fifo = Imaging.ImageLoaderHostileInputTests.MakeFifo(dir, "out.png");

        var single = CliRunner.Run(dir.Path, "segment", "coffee.png", "-k", "3", "-o", "out.png", "--force");

        Assert.Equal(1, single.ExitCode);
        Assert.Equal("error: out.png: it is a FIFO (named pipe), not a regular file; outputs replace only regular files", Assert.Single(single.ErrorLines));
        Assert.NotNull(MlNetSegment.IO.RegularFile.WhyNotRegular(fifo));
    }

    [Fact]
    public async Task A_run_stopped_by_SIGTERM_leaves_no_manifest_not_even_the_previous_one()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("photos"));
        for (var i = 0; i < 300; i++)
        {
            File.Copy(TestImages.Sample("astronaut.png"), dir.File($"photos/p{i:D3}.png"));
        }

        File.WriteAllText(dir.File("run.jsonl"), """{"input":"old.png","status":"ok","outputs":[],"error":null}""" + "\n");
        using Process process = CliRunner.Start(dir.Path, "apply", Model, "photos", "-o", "out", "--manifest", "run.jsonl", "--jobs", "1");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while ((!Directory.Exists(dir.File("out")) || Directory.GetFiles(dir.File("out")).Length < 3) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Signals.Send(process.Id, "TERM");

        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(143, process.ExitCode);
        Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("run.jsonl")));
    }

    [Fact]
    public void Summarize_totals_the_manifests_of_the_shards_and_lists_the_failures()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.png"), [1, 2, 3]);
        string list = ShardCommandTests.WriteCrops(dir, 6);
        File.AppendAllText(dir.File(list), "bad.png\n");
        for (var i = 0; i < 2; i++)
        {
            CliRunner.Run(dir.Path, "apply", Model, "--inputs-from", list, "-o", "out", "--shard", $"{i}/2", "--manifest", $"m/shard-{i}.jsonl");
        }

        var text = CliRunner.Run(dir.Path, "summarize", "m");
        var json = CliRunner.Run(dir.Path, "summarize", "m", "--json");
        var twice = CliRunner.Run(dir.Path, "summarize", "m", "m/shard-0.jsonl");

        Assert.Equal(1, text.ExitCode);
        Assert.Equal(
            ["summarize: 2 manifest(s), 7 input(s): 6 ok, 0 skipped, 1 failed, 0 named more than once",
             "failed: bad.png: not a supported image (expected PNG, JPEG, BMP, GIF)"],
            text.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument document = JsonDocument.Parse(json.StdOut);
        Assert.Equal(7, document.RootElement.GetProperty("inputs").GetInt32());
        Assert.Equal("bad.png", document.RootElement.GetProperty("failures")[0].GetProperty("input").GetString());
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("named more than once: imgs/", twice.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_prints_a_failure_from_a_manifest_on_one_line_without_its_control_characters()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.png"), [1, 2, 3]);
        CliRunner.Run(dir.Path, "apply", Model, "bad.png", "-o", "out", "--manifest", "m/run.jsonl");
        string manifest = File.ReadAllText(dir.File("m/run.jsonl"));
        const string error = "bad.png: not a supported image (expected PNG, JPEG, BMP, GIF)";
        Assert.Contains(error, manifest, StringComparison.Ordinal);
        // A manifest is untrusted: its error field may carry line breaks and terminal escape sequences.
        File.WriteAllText(dir.File("m/run.jsonl"), manifest.Replace(error, "bad\\r\\u001b[2K\\u001b[32mall good\\nsecond line", StringComparison.Ordinal));

        var run = CliRunner.Run(dir.Path, "summarize", "m");

        Assert.Equal(1, run.ExitCode);
        string[] lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("failed: bad ?[2K?[32mall good second line", lines[1]);
    }

    [Fact]
    public void A_manifest_that_would_overwrite_an_input_or_an_output_is_a_usage_error_before_any_work()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("coffee.png"));

        var input = CliRunner.Run(dir.Path, "apply", Model, "coffee.png", "-o", "out", "--manifest", "coffee.png");
        var output = CliRunner.Run(dir.Path, "apply", Model, "coffee.png", "-o", "out", "--manifest", "out/coffee.segmented.png");
        var broken = CliRunner.Run(dir.Path, "summarize", "coffee.png");

        Assert.Equal(2, input.ExitCode);
        Assert.Equal(["error: coffee.png: --manifest would overwrite an input"], input.ErrorLines);
        Assert.Equal(2, output.ExitCode);
        Assert.Equal(["error: coffee.png and --manifest would both be written to out/coffee.segmented.png; rename one or apply them separately"], output.ErrorLines);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Equal(1, broken.ExitCode);
        Assert.Single(broken.ErrorLines);
        Assert.StartsWith("error: coffee.png: line 1: not JSON", broken.StdErr, StringComparison.Ordinal);
    }
}
