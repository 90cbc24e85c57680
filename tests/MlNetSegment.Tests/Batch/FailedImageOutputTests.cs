using MlNetSegment.Batch;
using MlNetSegment.Output;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Batch;

/// <summary>
/// An image whose outputs fail part-way (probe round 7, F5: a full disk) leaves none of the files its run created,
/// so that its manifest entry's empty output list and its failed status are true, and keeps what was there before.
/// </summary>
public class FailedImageOutputTests
{
    [Fact]
    public void Apply_removes_what_it_wrote_for_an_image_whose_later_output_fails()
    {
        using var dir = new TempDirectory();
        string input = WriteImage(dir.File("in.png"));
        OutputPlan plan = PlanIn(dir, masks: true);

        // cluster-1.png cannot be written: a folder holds its name. The segmented image, the labels and cluster-0
        // are written before it.
        Directory.CreateDirectory(Path.Combine(plan.MasksFolder!, "cluster-1.png"));
        PaletteModel model = PaletteModel.FromColors(["#000000", "#ffffff"]);

        ApplyOutcome outcome = PaletteApplier.RunOne(model, new ApplyJob(input, plan), overwrite: false, limits: null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.Contains("cluster-1.png", outcome.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(plan.SegmentedPath));
        Assert.False(File.Exists(plan.LabelsPath));
        Assert.False(File.Exists(Path.Combine(plan.MasksFolder!, "cluster-0.png")));
        Assert.True(File.Exists(input));

        // The folders the run made for its outputs go too, once empty; the masks folder holds the blocking folder.
        Assert.Equal(["cluster-1.png"], Directory.GetFileSystemEntries(plan.MasksFolder!).Select(Path.GetFileName));
    }

    [Fact]
    public void Folders_made_for_a_failed_image_are_removed_deepest_first_even_when_named_relatively()
    {
        using var dir = new TempDirectory();
        string input = WriteImage(dir.File("in.png"));
        string cwd = Environment.CurrentDirectory;
        var plan = new OutputPlan
        {
            SegmentedPath = dir.File("new/in.segmented.png"),
            LabelsPath = dir.File("new/in.labels.png"),

            // Relative to the working directory, inside a folder the run creates: a labels path that is a folder
            // makes the run fail after the masks.
            MasksFolder = Path.GetRelativePath(cwd, dir.File("new/in.masks")),
        };
        Directory.CreateDirectory(dir.File("blocked"));
        plan = plan with { ReportPath = dir.File("blocked") };
        PaletteModel model = PaletteModel.FromColors(["#000000", "#ffffff"]);

        ApplyOutcome outcome = PaletteApplier.RunOne(model, new ApplyJob(input, plan), overwrite: true, limits: null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.False(Directory.Exists(dir.File("new")));
    }

    [Fact]
    public void Batch_segment_removes_what_it_wrote_and_keeps_the_outputs_an_earlier_run_left()
    {
        using var dir = new TempDirectory();
        string input = WriteImage(dir.File("in.png"));
        OutputPlan plan = PlanIn(dir, masks: true);
        Directory.CreateDirectory(plan.MasksFolder!);
        File.WriteAllText(Path.Combine(plan.MasksFolder!, "cluster-0.png"), "an earlier run's");
        Directory.CreateDirectory(Path.Combine(plan.MasksFolder!, "cluster-1.png"));
        var options = new PaletteTrainingOptions { Clusters = 2, SamplePixels = 1_000 };

        ApplyOutcome outcome = Assert.Single(BatchSegmenter.Run([new ApplyJob(input, plan)], options, null, parallelism: 1, overwrite: false));

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.False(File.Exists(plan.LabelsPath));
        Assert.False(File.Exists(plan.SegmentedPath));
        Assert.Equal("an earlier run's", File.ReadAllText(Path.Combine(plan.MasksFolder!, "cluster-0.png")));
    }

    [Fact]
    public void A_run_that_succeeds_keeps_every_output()
    {
        using var dir = new TempDirectory();
        string input = WriteImage(dir.File("in.png"));
        OutputPlan plan = PlanIn(dir, masks: true);
        PaletteModel model = PaletteModel.FromColors(["#000000", "#ffffff"]);

        ApplyOutcome outcome = PaletteApplier.RunOne(model, new ApplyJob(input, plan), overwrite: false, limits: null, CancellationToken.None);

        Assert.Equal(ApplyStatus.Succeeded, outcome.Status);
        Assert.True(plan.AllWritten(clusterCount: 2));
    }

    [Fact]
    public void A_folder_at_an_output_file_or_a_file_at_the_masks_folder_fails_that_image_up_front_with_one_line()
    {
        using var dir = new TempDirectory();
        string input = WriteImage(dir.File("in.png"));
        PaletteModel model = PaletteModel.FromColors(["#000000", "#ffffff"]);
        OutputPlan folderAtLabels = PlanIn(dir, masks: false);
        Directory.CreateDirectory(folderAtLabels.LabelsPath!);

        ApplyOutcome apply = PaletteApplier.RunOne(model, new ApplyJob(input, folderAtLabels), overwrite: true, limits: null, CancellationToken.None);
        ApplyOutcome segment = Assert.Single(BatchSegmenter.Run(
            [new ApplyJob(input, folderAtLabels)], new PaletteTrainingOptions { Clusters = 2, SamplePixels = 1_000 }, null, parallelism: 1, overwrite: true));

        Assert.All([apply, segment], outcome =>
        {
            Assert.Equal(ApplyStatus.Failed, outcome.Status);
            Assert.Equal($"{folderAtLabels.LabelsPath}: is a folder, not a file", outcome.Message);
        });
        Assert.False(File.Exists(folderAtLabels.SegmentedPath));

        using var other = new TempDirectory();
        OutputPlan fileAtMasks = PlanIn(other, masks: true);
        Directory.CreateDirectory(other.File("out"));
        File.WriteAllText(fileAtMasks.MasksFolder!, "a file");
        ApplyOutcome masks = PaletteApplier.RunOne(model, new ApplyJob(input, fileAtMasks), overwrite: true, limits: null, CancellationToken.None);
        Assert.Equal($"{fileAtMasks.MasksFolder}: is a file, not a folder (--masks)", masks.Message);
        Assert.False(File.Exists(fileAtMasks.SegmentedPath));
    }

    private static OutputPlan PlanIn(TempDirectory dir, bool masks) => new()
    {
        SegmentedPath = dir.File("out/in.segmented.png"),
        LabelsPath = dir.File("out/in.labels.png"),
        MasksFolder = masks ? dir.File("out/in.masks") : null,
    };

    private static string WriteImage(string path)
    {
        using var image = new Image<Rgba32>(32, 16);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = x < 16 ? new Rgba32(10, 10, 10) : new Rgba32(240, 240, 240);
            }
        }

        image.SaveAsPng(path);
        return path;
    }
}
