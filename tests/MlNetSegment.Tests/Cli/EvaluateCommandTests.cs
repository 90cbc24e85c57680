using System.Text.Json;
using MlNetSegment.Tests.Evaluation;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class EvaluateCommandTests
{
    [Fact]
    public void Evaluate_prints_a_table_and_json_with_per_image_and_mean_scores()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/2_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
        EvaluationRunnerTests.WriteLabels8(dir.File("pred/1.regions.png"), 10, 1, (x, _) => x < 5 ? 3 : 4);
        EvaluationRunnerTests.WriteLabels8(dir.File("pred/2.regions.png"), 10, 1, (_, _) => 0);

        var table = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("mean (2)", table.StdOut, StringComparison.Ordinal);

        var result = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.StdOut);
        JsonElement[] images = [.. json.RootElement.GetProperty("images").EnumerateArray()];
        Assert.Equal(["1", "2"], images.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(1.0, images[0].GetProperty("pri").GetDouble(), 12);
        Assert.Equal(0.0, images[0].GetProperty("voiNats").GetDouble(), 12);
        Assert.Equal(8.0 / 18, images[1].GetProperty("pri").GetDouble(), 12);
        Assert.Equal(1.0, images[1].GetProperty("voiBits").GetDouble(), 12);
        JsonElement mean = json.RootElement.GetProperty("mean");
        Assert.Equal((1 + (8.0 / 18)) / 2, mean.GetProperty("pri").GetDouble(), 12);
        Assert.Equal(0.75, mean.GetProperty("covering").GetDouble(), 12);
        Assert.Equal(1.5, mean.GetProperty("regions").GetDouble(), 12);
    }

    [Fact]
    public void Missing_options_are_usage_errors_and_an_unreadable_file_fails_with_one_line()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 4, 4, (_, _) => 1);
        File.WriteAllText(dir.File("pred/1.png"), "not a png");

        var usage = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--gt", usage.StdErr, StringComparison.Ordinal);

        var unreadable = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt");
        Assert.Equal(1, unreadable.ExitCode);
        string line = Assert.Single(unreadable.ErrorLines);
        Assert.Contains("1.png", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_prediction_is_reported_and_the_others_are_still_scored_with_exit_code_1()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/2_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
        File.WriteAllBytes(dir.File("pred/1.png"), []);
        EvaluationRunnerTests.WriteLabels8(dir.File("pred/2.png"), 10, 1, (x, _) => x < 5 ? 3 : 4);

        var table = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt");
        var json = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--json");

        Assert.Equal(1, table.ExitCode);
        string line = Assert.Single(table.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("1.png", line, StringComparison.Ordinal);
        Assert.EndsWith("(not scored)", line, StringComparison.Ordinal);
        Assert.Contains("mean (1)", table.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^2\s+1\.0000\s", table.StdOut);

        Assert.Equal(1, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.StdOut);
        JsonElement image = Assert.Single(document.RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal("2", image.GetProperty("id").GetString());
        JsonElement failed = Assert.Single(document.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Equal("1", failed.GetProperty("id").GetString());
        Assert.Contains("1.png", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_named_like_a_label_map_fails_its_image_instead_of_being_skipped()
    {
        // Probe round 8, finding 4: gt/2_gt2.png/ and pred/3.png/ were passed over without a word; image 2 was scored
        // on its other annotator alone and image 3 was only counted among those with no prediction.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        foreach (string id in new[] { "1", "2", "3" })
        {
            EvaluationRunnerTests.WriteLabels16(dir.File($"gt/{id}_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
        }

        EvaluationRunnerTests.WriteLabels8(dir.File("pred/1.png"), 10, 1, (x, _) => x < 5 ? 3 : 4);
        EvaluationRunnerTests.WriteLabels8(dir.File("pred/2.png"), 10, 1, (x, _) => x < 5 ? 3 : 4);
        Directory.CreateDirectory(dir.File("gt/2_gt2.png"));
        Directory.CreateDirectory(dir.File("pred/3.png"));

        var run = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.Contains(run.ErrorLines, l => l.Contains("2_gt2.png", StringComparison.Ordinal) && l.Contains("directory", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("3.png", StringComparison.Ordinal) && l.Contains("directory", StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(run.StdOut);
        Assert.Equal("1", Assert.Single(json.RootElement.GetProperty("images").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(["2", "3"], json.RootElement.GetProperty("failed").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public void Json_lists_the_failures_when_nothing_could_be_scored_and_a_doubled_id_fails_only_itself()
    {
        // Probe round 8: --json printed nothing when every prediction failed, and a second prediction for one id
        // dropped the scores of every image.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("bad"));
        Directory.CreateDirectory(dir.File("pred"));
        foreach (string id in new[] { "1", "2", "3" })
        {
            EvaluationRunnerTests.WriteLabels16(dir.File($"gt/{id}_gt1.png"), 10, 1, (x, _) => x < 5 ? 1 : 2);
            File.WriteAllBytes(dir.File($"bad/{id}.png"), []);
            EvaluationRunnerTests.WriteLabels8(dir.File($"pred/{id}.png"), 10, 1, (x, _) => x < 5 ? 3 : 4);
        }

        EvaluationRunnerTests.WriteLabels8(dir.File("pred/2.seg.png"), 10, 1, (_, _) => 0);

        var allBad = CliRunner.Run(dir.Path, "evaluate", "--pred", "bad", "--gt", "gt", "--json");
        var doubled = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--json");

        Assert.Equal(1, allBad.ExitCode);
        Assert.Equal(3, allBad.ErrorLines.Length);
        using (JsonDocument json = JsonDocument.Parse(allBad.StdOut))
        {
            Assert.Empty(json.RootElement.GetProperty("images").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("mean").ValueKind);
            Assert.Equal(["1", "2", "3"], json.RootElement.GetProperty("failed").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        }

        Assert.Equal(1, doubled.ExitCode);
        Assert.Contains("a second prediction for image 2", Assert.Single(doubled.ErrorLines), StringComparison.Ordinal);
        using (JsonDocument json = JsonDocument.Parse(doubled.StdOut))
        {
            Assert.Equal(["1", "3"], json.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
            Assert.Equal("2", Assert.Single(json.RootElement.GetProperty("failed").EnumerateArray()).GetProperty("id").GetString());
        }
    }

    [Fact]
    public void Evaluate_takes_max_pixels_and_its_too_large_message_names_an_option_it_has()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 10, 10, (x, _) => x < 5 ? 1 : 2);
        EvaluationRunnerTests.WriteLabels8(dir.File("pred/1.regions.png"), 10, 10, (x, _) => x < 5 ? 3 : 4);

        var refused = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--max-pixels", "99");
        var allowed = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt", "--max-pixels", "100");

        Assert.Equal(1, refused.ExitCode);
        string line = Assert.Single(refused.ErrorLines);
        Assert.Contains("image too large", line, StringComparison.Ordinal);
        Assert.Contains("--max-pixels", line, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public void Thousands_of_labels_on_each_side_are_scored_and_memory_does_not_grow_with_the_annotators()
    {
        // 8,192 labels on each side of a 1 MP image with 24 annotators. A dense table of 8,192² cells was 512 MB per
        // annotator and the run reached 2.65 GB (probe F6); the pairs that occur are at most the pixel count.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 1024, 1024, (x, y) => ((y * 1024) + x) % 8192);
        for (var a = 1; a <= 24; a++)
        {
            int shift = a;
            EvaluationRunnerTests.WriteLabels16(dir.File($"gt/1_gt{a}.png"), 1024, 1024, (x, y) => ((y * 1024) + x + shift) % 8192);
        }

        MeasuredCliRun.Result run = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(120), "evaluate", "--pred", "pred", "--gt", "gt", "--json");

        Assert.False(run.TimedOut);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.StdOut);
        JsonElement image = Assert.Single(json.RootElement.GetProperty("images").EnumerateArray());
        // Each annotation is the prediction with its labels renamed: a perfect score.
        Assert.Equal(1.0, image.GetProperty("pri").GetDouble(), 12);
        Assert.Equal(0.0, image.GetProperty("voiNats").GetDouble(), 9);
        Assert.Equal(1.0, image.GetProperty("covering").GetDouble(), 12);
        if (run.PeakBytes > 0)
        {
            Assert.True(run.PeakBytes < 1L << 30, $"evaluate peaked at {run.PeakBytes / (1 << 20)} MiB");
        }
    }

    [Fact]
    public void More_distinct_label_pairs_than_one_table_holds_is_a_one_line_error_naming_the_file()
    {
        // 9 MP where every pixel is its own (segment, region) pair: over the table's limit of 2²³ pairs.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 3000, 3000, (x, y) => ((y * 3000) + x) / 65536);
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 3000, 3000, (x, y) => ((y * 3000) + x) % 65536);

        var result = CliRunner.Run(dir.Path, "evaluate", "--pred", "pred", "--gt", "gt");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: pred/1.png: the label maps hold more than 8,388,608 distinct label pairs", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }
}
