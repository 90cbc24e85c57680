using MlNetSegment.Evaluation;
using MlNetSegment.Output;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Evaluation;

public class EvaluationRunnerTests
{
    /// <summary>Writes a 16-bit grey label PNG (the BSDS export format).</summary>
    internal static void WriteLabels16(string path, int width, int height, Func<int, int, int> label)
    {
        using var image = new Image<L16>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new L16((ushort)label(x, y));
            }
        }

        image.SaveAsPng(path);
    }

    /// <summary>Writes an 8-bit grey label PNG.</summary>
    internal static void WriteLabels8(string path, int width, int height, Func<int, int, int> label)
    {
        var values = new byte[width * height];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (byte)label(i % width, i / width);
        }

        using FileStream stream = File.Create(path);
        IndexedPngWriter.WriteGray(stream, values, width, height);
    }

    [Fact]
    public void Predictions_are_matched_to_annotations_by_id_and_scored()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        WriteLabels16(dir.File("gt/12_gt1.png"), 8, 4, (x, _) => x < 4 ? 1 : 2);
        WriteLabels16(dir.File("gt/12_gt2.png"), 8, 4, (x, _) => x < 4 ? 1 : 2);
        WriteLabels16(dir.File("gt/3_gt1.png"), 8, 4, (_, _) => 1);
        WriteLabels8(dir.File("pred/12.regions.png"), 8, 4, (x, _) => x < 4 ? 200 : 7);
        WriteLabels16(dir.File("pred/3.png"), 8, 4, (x, _) => x < 4 ? 1 : 300);
        WriteLabels16(dir.File("pred/99.png"), 8, 4, (_, _) => 1);

        EvaluationReport report = EvaluationRunner.Run(dir.File("pred"), dir.File("gt"));

        Assert.Equal(["3", "12"], report.Images.Select(i => i.Id));
        ImageEvaluation perfect = report.Images[1];
        Assert.Equal(1.0, perfect.Score.RandIndex, 12);
        Assert.Equal(0.0, perfect.Score.VoiNats, 12);
        Assert.Equal(2, perfect.Annotators);
        ImageEvaluation split = report.Images[0];
        Assert.Equal((32 - 2.0) / (2 * 31), split.Score.RandIndex, 12);
        Assert.Equal(2, split.Regions);
        Assert.Contains(report.Notices, n => n.Contains("1 prediction file(s) have no ground truth", StringComparison.Ordinal));
    }

    [Fact]
    public void A_prediction_of_another_size_is_a_failure_naming_the_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        WriteLabels16(dir.File("gt/5_gt1.png"), 8, 4, (_, _) => 1);
        WriteLabels16(dir.File("pred/5.png"), 4, 8, (_, _) => 1);

        EvaluationReport report = EvaluationRunner.Run(dir.File("pred"), dir.File("gt"));

        Assert.Empty(report.Images);
        Assert.Null(report.Mean);
        EvaluationFailure failure = Assert.Single(report.Failures);
        Assert.Equal("5", failure.Id);
        Assert.Contains("5.png", failure.Message, StringComparison.Ordinal);
        Assert.Contains("differs from the ground truth", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_predictions_do_not_stop_the_others_from_being_scored()
    {
        // Probe round 7, F6: one empty prediction ended the run with no score for any image.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        foreach (string id in new[] { "1", "2", "3", "4" })
        {
            WriteLabels16(dir.File($"gt/{id}_gt1.png"), 8, 4, (x, _) => x < 4 ? 1 : 2);
        }

        File.WriteAllBytes(dir.File("pred/1.png"), []);
        WriteLabels8(dir.File("pred/2.png"), 8, 4, (x, _) => x < 4 ? 5 : 6);
        WriteLabels8(dir.File("pred/3.png"), 4, 8, (_, _) => 1);
        WriteLabels8(dir.File("pred/4.png"), 8, 4, (_, _) => 1);

        EvaluationReport report = EvaluationRunner.Run(dir.File("pred"), dir.File("gt"));

        Assert.Equal(["2", "4"], report.Images.Select(i => i.Id));
        Assert.Equal(["1", "3"], report.Failures.Select(f => f.Id));
        Assert.All(report.Failures, f => Assert.Contains($"{f.Id}.png", f.Message, StringComparison.Ordinal));
        Assert.Equal(1.0, report.Images[0].Score.RandIndex, 12);
        Assert.Equal((1.0 + report.Images[1].Score.RandIndex) / 2, report.Mean!.Value.RandIndex, 12);
    }

    [Fact]
    public void A_file_given_as_the_prediction_folder_is_named_as_a_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        WriteLabels16(dir.File("gt/1_gt1.png"), 8, 4, (_, _) => 1);
        WriteLabels16(dir.File("1.png"), 8, 4, (_, _) => 1);

        var error = Assert.Throws<IOException>(() => EvaluationRunner.Run(dir.File("1.png"), dir.File("gt")));

        Assert.Equal($"{dir.File("1.png")}: is a file; --pred takes the folder of predictions", error.Message);
    }
}
