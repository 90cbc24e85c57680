using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Cli;

public class SegmentCommandTests
{
    [Fact]
    public void Segment_writes_a_same_size_image_of_at_most_K_colours_and_labels_0_to_K_minus_1_byte_identically_twice()
    {
        using var dir = new TempDirectory();
        string input = TestImages.Sample("astronaut.png");

        var first = CliRunner.Run(dir.Path, "segment", input, "-k", "8", "-o", "a.png", "--labels", "a.labels.png", "--seed", "3");
        var second = CliRunner.Run(dir.Path, "segment", input, "-k", "8", "-o", "b.png", "--labels", "b.labels.png", "--seed", "3");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("a.png")), File.ReadAllBytes(dir.File("b.png")));
        Assert.Equal(File.ReadAllBytes(dir.File("a.labels.png")), File.ReadAllBytes(dir.File("b.labels.png")));

        using var segmented = Image.Load<Rgb24>(dir.File("a.png"));
        using var labels = Image.Load<L8>(dir.File("a.labels.png"));
        Assert.Equal((512, 512), (segmented.Width, segmented.Height));
        var colors = new HashSet<Rgb24>();
        var values = new HashSet<byte>();
        for (var y = 0; y < 512; y++)
        {
            for (var x = 0; x < 512; x++)
            {
                colors.Add(segmented[x, y]);
                values.Add(labels[x, y].PackedValue);
            }
        }

        Assert.InRange(colors.Count, 2, 8);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (byte)i), values.Order());
    }

    [Fact]
    public void Default_output_is_the_input_stem_dot_segmented_png_in_the_current_folder()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(dir.File("chelsea.segmented.png")));
    }

    [Fact]
    public void A_text_file_named_png_fails_with_exit_1_one_line_and_no_output()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.png"), "just some text\n");

        var result = CliRunner.Run(dir.Path, "segment", "notes.png", "-o", "out.png", "--labels", "out.labels.png");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("notes.png: not a supported image", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["notes.png"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("-k", "1")]
    [InlineData("-k", "257")]
    [InlineData("--color-space", "hsl")]
    [InlineData("--no-such-flag")]
    [InlineData("-o", "out.gif")]
    public void Invalid_usage_exits_2_before_any_work(params string[] extra)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, ["segment", TestImages.Sample("chelsea.png"), .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_existing_output_is_not_overwritten_without_force()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("out.png"), "keep me");

        var refused = CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "3", "-o", "out.png");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(dir.File("out.png")));

        var forced = CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "3", "-o", "out.png", "--force");
        Assert.Equal(0, forced.ExitCode);
        using var image = Image.Load<Rgb24>(dir.File("out.png"));
        Assert.Equal(451, image.Width);
    }

    [Fact]
    public void The_output_may_never_be_the_input()
    {
        using var dir = new TempDirectory();
        string input = dir.File("photo.png");
        File.Copy(TestImages.Sample("chelsea.png"), input);
        byte[] before = File.ReadAllBytes(input);

        var result = CliRunner.Run(dir.Path, "segment", "photo.png", "-o", "photo.png", "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Verbose_shows_the_stack_trace_of_a_failure()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.png"), "x");

        var result = CliRunner.Run(dir.Path, "segment", "bad.png", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tolerance", "-1")]
    [InlineData("--tolerance", "NaN")]
    [InlineData("--tolerance", "0")]
    [InlineData("--sample-pixels", "2147483647")]
    [InlineData("--restarts", "0")]
    [InlineData("--restarts", "65")]
    [InlineData("--sample-pixels", "999")]
    [InlineData("--max-iterations", "0")]
    public void Fit_settings_out_of_range_exit_2_with_one_line_naming_the_option(string option, string value)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData(new string[0], PaletteTrainingOptions.Defaults.MaxIterations)]
    [InlineData(new[] { "--max-iterations", "7" }, 7)]
    [InlineData(new[] { "--regions", "r.png" }, MlNetSegment.Regions.RegionSegmentationDefaults.MaxIterations)]
    [InlineData(new[] { "--regions", "r.png", "--max-iterations", "9", "--tolerance", "1e-3" }, 9)]
    public void Fit_settings_left_out_take_the_modes_defaults_and_the_report_records_them(string[] extra, int maxIterations)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, ["segment", TestImages.Sample("chelsea.png"), "-k", "4", "--report", "r.json", .. extra]);

        Assert.Equal(0, result.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("r.json")));
        Assert.Equal(maxIterations, report.RootElement.GetProperty("maxIterations").GetInt32());
    }

    [Fact]
    public void A_folder_where_an_output_file_goes_is_refused_before_anything_is_written()
    {
        // It used to surface after the segmented image and the first masks were written, as the runtime's "The file
        // ... already exists", even with --force.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("m/cluster-1.png"));

        foreach (string[] force in new[] { Array.Empty<string>(), ["--force"] })
        {
            var result = CliRunner.Run(dir.Path, ["segment", TestImages.Sample("coffee.png"), "-k", "3", "-o", "r.png", "--masks", "m", .. force]);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal("error: m/cluster-1.png: is a folder, not a file", Assert.Single(result.ErrorLines));
            Assert.False(File.Exists(dir.File("r.png")));
            Assert.Equal(["cluster-1.png"], Directory.GetFileSystemEntries(dir.File("m")).Select(Path.GetFileName));
        }
    }
}
