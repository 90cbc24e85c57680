using System.Text.Json;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

public class OutputCommandTests
{
    [Fact]
    public void Segment_with_every_output_flag_writes_consistent_outputs()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run(
            dir.Path, "segment", TestImages.Sample("rocket.jpg"), "-k", "6", "-o", "seg.png", "--labels", "labels.png", "--masks", "masks",
            "--boundaries", "b.png", "--report", "r.json", "--palette", "p.png", "--sheet", "s.png");

        Assert.Equal(0, result.ExitCode);
        using var labels = Image.Load<L8>(dir.File("labels.png"));
        var counts = new long[256];
        for (var y = 0; y < labels.Height; y++)
        {
            for (var x = 0; x < labels.Width; x++)
            {
                counts[labels[x, y].PackedValue]++;
            }
        }

        Assert.Equal(6, counts.Count(c => c > 0));
        Assert.Equal(6, Directory.GetFiles(dir.File("masks"), "cluster-*.png").Length);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(dir.File("r.json")));
        foreach (JsonElement entry in report.RootElement.GetProperty("palette").EnumerateArray())
        {
            Assert.Equal(counts[entry.GetProperty("index").GetInt32()], entry.GetProperty("pixels").GetInt64());
        }

        foreach (string image in new[] { "b.png", "p.png", "s.png" })
        {
            using var loaded = Image.Load<Rgba32>(dir.File(image));
            Assert.True(loaded.Width >= 200);
        }
    }

    [Fact]
    public void Elbow_returns_seven_results_a_suggestion_in_range_and_a_chart()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "elbow", TestImages.Sample("coffee.png"), "--k", "2..8", "--plot", "p.png", "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.StdOut);
        JsonElement[] results = [.. json.RootElement.GetProperty("results").EnumerateArray()];
        Assert.Equal(7, results.Length);
        Assert.All(results, r => Assert.True(r.GetProperty("inertia").GetDouble() > 0));
        Assert.InRange(json.RootElement.GetProperty("suggestedK").GetInt32(), 2, 8);
        using var chart = Image.Load<Rgba32>(dir.File("p.png"));
        Assert.True(chart.Width >= 200 && chart.Height >= 200);
    }

    [Fact]
    public void Apply_writes_the_same_outputs_per_image()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4", "--save-model", "m.zip").ExitCode);

        var result = CliRunner.Run(dir.Path, "apply", "m.zip", TestImages.Sample("coffee.png"), "-o", "out", "--masks", "--boundaries", "--report", "--palette", "--sheet");

        Assert.Equal(0, result.ExitCode);
        string[] files = [.. Directory.GetFiles(dir.File("out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.File("out"), f)).Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["coffee.boundaries.png", "coffee.masks/cluster-0.png", "coffee.masks/cluster-1.png", "coffee.masks/cluster-2.png", "coffee.masks/cluster-3.png",
             "coffee.palette.png", "coffee.report.json", "coffee.segmented.png", "coffee.sheet.png"],
            files);
    }
}
