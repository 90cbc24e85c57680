using MlNetSegment.Cli.Commands;
using MlNetSegment.Regions;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Which K-means settings each verb and mode fits with when the command line leaves them out, and that given ones win.</summary>
public class FitSettingsTests
{
    [Fact]
    public void Segment_fits_with_the_library_defaults()
    {
        PaletteTrainingOptions options = new SegmentSettings { Inputs = ["a.png"] }.ToTrainingOptions();

        Assert.Equal((16_000, 6, 50, 1e-7f), (options.SamplePixels, options.Restarts, options.MaxIterations, options.Tolerance));
        Assert.Equal(PaletteTrainingOptions.Defaults.Clusters, options.Clusters);
    }

    [Fact]
    public void Any_regions_option_switches_to_the_settings_the_regions_pipeline_was_tuned_with()
    {
        PaletteTrainingOptions withMap = new SegmentSettings { Inputs = ["a.png"], RegionsPath = "r.png" }.ToTrainingOptions();
        PaletteTrainingOptions withMedian = new SegmentSettings { Inputs = ["a.png"], Median = 5 }.ToTrainingOptions();

        foreach (PaletteTrainingOptions options in new[] { withMap, withMedian })
        {
            Assert.Equal(
                (RegionSegmentationDefaults.SamplePixels, RegionSegmentationDefaults.Restarts, RegionSegmentationDefaults.MaxIterations, RegionSegmentationDefaults.Clusters),
                (options.SamplePixels, options.Restarts, options.MaxIterations, options.Clusters));
        }
    }

    [Fact]
    public void Given_values_win_in_every_mode()
    {
        foreach (var settings in new[]
        {
            new SegmentSettings { Inputs = ["a.png"], SamplePixelsOption = 3_000, RestartsOption = 3, MaxIterationsOption = 7, ToleranceOption = 1e-3f },
            new SegmentSettings { Inputs = ["a.png"], RegionsPath = "r.png", SamplePixelsOption = 3_000, RestartsOption = 3, MaxIterationsOption = 7, ToleranceOption = 1e-3f },
        })
        {
            PaletteTrainingOptions options = settings.ToTrainingOptions();

            Assert.Equal((3_000, 3, 7, 1e-3f), (options.SamplePixels, options.Restarts, options.MaxIterations, options.Tolerance));
        }
    }

    [Fact]
    public void K_auto_runs_its_elbow_step_with_the_elbows_sample_and_restarts_unless_given()
    {
        PaletteTrainingOptions plain = new SegmentSettings { Inputs = ["a.png"], ClustersOption = "auto", Seed = 4, ColorSpace = "lab" }.ToElbowOptions();
        PaletteTrainingOptions inRegions = new SegmentSettings { Inputs = ["a.png"], ClustersOption = "auto", RegionsPath = "r.png" }.ToElbowOptions();
        PaletteTrainingOptions given = new SegmentSettings { Inputs = ["a.png"], ClustersOption = "auto", RestartsOption = 5, MaxIterationsOption = 9 }.ToElbowOptions();

        Assert.Equal((20_000, 2, 50, 4, global::MlNetSegment.ColorSpace.Lab), (plain.SamplePixels, plain.Restarts, plain.MaxIterations, plain.Seed, plain.ColorSpace));
        Assert.Equal((20_000, 2, 50), (inRegions.SamplePixels, inRegions.Restarts, inRegions.MaxIterations));
        Assert.Equal((5, 9), (given.Restarts, given.MaxIterations));
    }

    [Fact]
    public void Train_and_elbow_defaults()
    {
        PaletteTrainingOptions train = new TrainSettings { Inputs = ["a.png"], Output = "m.zip" }.ToTrainingOptions();
        PaletteTrainingOptions elbow = new ElbowSettings { Input = "a.png" }.ToTrainingOptions();

        Assert.Equal((250_000, 6, 50), (train.SamplePixels, train.Restarts, train.MaxIterations));
        Assert.Equal((20_000, 2, 50), (elbow.SamplePixels, elbow.Restarts, elbow.MaxIterations));
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("train")]
    [InlineData("apply")]
    [InlineData("elbow")]
    [InlineData("inspect")]
    [InlineData("evaluate")]
    public void Every_verbs_help_prints(string verb)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("USAGE:", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(result.StdErr);
    }
}
