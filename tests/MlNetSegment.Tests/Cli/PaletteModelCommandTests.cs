using System.Diagnostics;
using System.Text.Json;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

public class PaletteModelCommandTests
{
    [Fact]
    public void A_model_trained_on_three_photos_lists_12_colours_and_apply_uses_only_those()
    {
        using var dir = new TempDirectory();
        var train = CliRunner.Run(
            dir.Path, "train", TestImages.Sample("coffee.png"), TestImages.Sample("chelsea.png"), TestImages.Sample("rocket.jpg"),
            "-k", "12", "-o", "m.zip", "--sample-pixels", "60000");
        Assert.Equal(0, train.ExitCode);

        var inspect = CliRunner.Run(dir.Path, "inspect", "m.zip", "--json");
        Assert.Equal(0, inspect.ExitCode);
        using JsonDocument json = JsonDocument.Parse(inspect.StdOut);
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("hsv", root.GetProperty("colorSpace").GetString());
        Assert.Equal(12, root.GetProperty("clusterCount").GetInt32());
        Assert.Equal(3, root.GetProperty("trainedOn").GetProperty("imageCount").GetInt32());
        Assert.Equal(60000, root.GetProperty("trainedOn").GetProperty("sampledPixels").GetInt32());
        Assert.Equal(0, root.GetProperty("seed").GetInt32());
        var palette = root.GetProperty("palette").EnumerateArray().Select(e => e.GetProperty("hex").GetString()!).ToHashSet();
        Assert.Equal(12, palette.Count);

        var apply = CliRunner.Run(dir.Path, "apply", "m.zip", TestImages.Sample("astronaut.png"), TestImages.Sample("coffee.png"), "-o", "out", "--labels");
        Assert.Equal(0, apply.ExitCode);
        foreach (string stem in new[] { "astronaut", "coffee" })
        {
            using var image = Image.Load<Rgb24>(Path.Combine(dir.Path, "out", stem + ".segmented.png"));
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    Rgb24 p = image[x, y];
                    Assert.Contains($"#{p.R:x2}{p.G:x2}{p.B:x2}", palette);
                }
            }

            Assert.True(File.Exists(Path.Combine(dir.Path, "out", stem + ".labels.png")));
        }
    }

    [Fact]
    public void A_model_cut_to_700_bytes_gets_a_one_line_error_and_non_zero_exit()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4", "--save-model", "m.zip").ExitCode);
        File.WriteAllBytes(dir.File("cut.zip"), File.ReadAllBytes(dir.File("m.zip"))[..700]);

        foreach (string[] args in new[] { new[] { "inspect", "cut.zip" }, ["apply", "cut.zip", TestImages.Sample("coffee.png"), "-o", "out"] })
        {
            var result = CliRunner.Run(dir.Path, args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Single(result.ErrorLines);
            Assert.Contains("cut.zip", result.StdErr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Apply_over_a_good_image_and_an_empty_png_exits_1_and_still_writes_the_good_output()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4", "--save-model", "m.zip").ExitCode);
        File.WriteAllBytes(dir.File("empty.png"), []);

        var result = CliRunner.Run(dir.Path, "apply", "m.zip", "empty.png", TestImages.Sample("coffee.png"), "-o", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty.png: not a supported image", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("1 succeeded", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 failed", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(["coffee.segmented.png"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_inputs_landing_on_one_output_are_refused_before_any_work()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4", "--save-model", "m.zip").ExitCode);
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a/photo.png"));
        File.Copy(TestImages.Sample("chelsea.png"), dir.File("b/photo.png"));

        var result = CliRunner.Run(dir.Path, "apply", "m.zip", "a/photo.png", "b/photo.png", "-o", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("would both be written", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Files_found_in_a_directory_keep_their_relative_path_and_jobs_do_not_change_the_bytes()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "5", "--save-model", "m.zip").ExitCode);
        Directory.CreateDirectory(dir.File("in/sub"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("in/coffee.png"));
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("in/sub/astronaut.png"));
        File.Copy(TestImages.Sample("rocket.jpg"), dir.File("in/sub/rocket.jpg"));

        var one = CliRunner.Run(dir.Path, "apply", "m.zip", "in", "--recursive", "-o", "out1", "--jobs", "1", "--labels");
        var two = CliRunner.Run(dir.Path, "apply", "m.zip", "in", "--recursive", "-o", "out2", "--jobs", "3", "--labels");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, two.ExitCode);
        string[] expected = ["coffee.labels.png", "coffee.segmented.png", "sub/astronaut.labels.png", "sub/astronaut.segmented.png", "sub/rocket.labels.png", "sub/rocket.segmented.png"];
        string[] Files(string root) => [.. Directory.GetFiles(dir.File(root), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.File(root), f)).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, Files("out1"));
        Assert.Equal(expected, Files("out2"));
        foreach (string file in expected)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("out1"), file)), File.ReadAllBytes(Path.Combine(dir.File("out2"), file)));
        }
    }

    [Fact]
    public void Killing_apply_part_way_leaves_no_partial_output_and_a_rerun_completes_the_rest()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "8", "--save-model", "m.zip").ExitCode);
        Directory.CreateDirectory(dir.File("in"));
        string[] samples = ["coffee.png", "chelsea.png", "astronaut.png", "rocket.jpg"];
        for (var i = 0; i < 24; i++)
        {
            string sample = samples[i % samples.Length];
            File.Copy(TestImages.Sample(sample), dir.File($"in/img{i:00}{Path.GetExtension(sample)}"));
        }

        var random = new Random(5);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using Process process = CliRunner.Start(dir.Path, "apply", "m.zip", "in", "-o", "out", "--labels", "--jobs", "2");
            Thread.Sleep(700 + random.Next(900));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            AssertEveryOutputIsComplete(dir.File("out"));
        }

        var rerun = CliRunner.Run(dir.Path, "apply", "m.zip", "in", "-o", "out", "--labels");

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(48, Directory.GetFiles(dir.File("out"), "*.png").Length);
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".mlnetsegment-*"));
        AssertEveryOutputIsComplete(dir.File("out"));
    }

    private static void AssertEveryOutputIsComplete(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.GetFiles(folder, "*.png"))
        {
            // A truncated PNG fails to decode (ImageSharp checks chunk lengths and CRCs).
            using var image = Image.Load<Rgba32>(file);
            Assert.True(image.Width > 0);
        }
    }
}
