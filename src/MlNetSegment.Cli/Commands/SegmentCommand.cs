using MlNetSegment.Batch;
using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Models;
using MlNetSegment.Output;
using MlNetSegment.Regions;
using MlNetSegment.Reporting;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>segment</c>: fit a palette on an image and write the rebuilt image (and label map); several images make a batch.</summary>
internal sealed class SegmentCommand : Command<SegmentSettings>
{
    public override int Execute(CommandContext context, SegmentSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        if (settings.IsBatch)
        {
            return ExecuteBatch(settings, cancellationToken);
        }

        var timing = new VerboseTiming();
        OutputPlan plan = settings.ToOutputPlan();
        // Mask files count as outputs too: cluster-0 .. cluster-(K-1), K at most 16 with -k auto.
        int maxClusters = settings.Clusters ?? ElbowAnalysis.Defaults.MaxK;
        IEnumerable<string> masks = plan.MaskPaths(maxClusters);
        OutputPaths.CheckAll(settings.Input, settings.Force, [.. plan.SingleFiles(), .. masks, settings.SaveModel, settings.RegionsPath], plan.MasksFolder);
        OutputPaths.CheckMaskFolder(plan.MasksFolder, settings.Force);

        using LoadedImage loaded = InputPrefetch.Current.Take(settings.Input, settings.Limits, cancellationToken);
        Image<Rgba32> image = loaded.Image;
        var notices = new List<string>(loaded.Notices);
        timing.Stage("decode");

        PaletteTrainingOptions options = settings.ToTrainingOptions();
        if (settings.Clusters is null)
        {
            ElbowResult elbow = ElbowAnalysis.Run(
                image, ElbowAnalysis.Defaults.MinK, ElbowAnalysis.Defaults.MaxK, settings.ToElbowOptions(), settings.Input, cancellationToken: cancellationToken);
            options = options with { Clusters = Math.Max(elbow.SuggestedK, PaletteTrainingOptions.MinClusters) };
            notices.Add(elbow.Note is { } note
                ? $"-k auto chose K = {elbow.SuggestedK}: {note}"
                : $"-k auto chose K = {elbow.SuggestedK} (elbow of the inertia curve over K = {ElbowAnalysis.Defaults.MinK}..{elbow.Results[^1].K})");
        }

        if (settings.RegionMode)
        {
            var (labels, summary, regionCount) = SegmentRegions(image, options, settings, notices, cancellationToken);
            SegmentationOutputWriter.WriteAll(settings.Input, image, labels, summary, plan, settings.Force, regionCount, cancellationToken);
            timing.Stage("segment and write");
            CliOutput.Summary($"{settings.Input}: {image.Width}x{image.Height}, {summary.Palette.Count} clusters, {regionCount} regions -> {plan.SegmentedPath}");
        }
        else
        {
            SegmentationResult result = ImageSegmenter.Segment(image, options, settings.Input, cancellationToken);
            PrintNotices(notices.Concat(result.Notices));
            timing.Add("fit", result.FitTime);
            timing.Add("label", result.LabelTime);
            TimeSpan written = timing.Elapsed;
            SegmentationOutputWriter.WriteAll(settings.Input, image, result.Labels, result.Model, plan, settings.Force, cancellationToken);
            timing.Add("encode", timing.Elapsed - written);
            if (settings.SaveModel is not null)
            {
                PaletteModelFile.Save(result.Model, settings.SaveModel, settings.Force);
            }

            CliOutput.Summary($"{settings.Input}: {image.Width}x{image.Height}, {result.Model.ClusterCount} clusters -> {plan.SegmentedPath}");
        }

        timing.PrintIf(settings.Verbose);
        return ExitCodes.Success;
    }

    // Several images, each fitted on its own, written as apply writes them (see BatchSegmenter).
    private static int ExecuteBatch(SegmentSettings settings, CancellationToken cancellationToken)
    {
        var timing = new VerboseTiming();
        Shard shard = ShardOption.Resolve(settings.ShardText);
        string outDir = settings.Output!;
        InputSelection selection = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive, outDir, shard);
        int maxClusters = settings.Clusters ?? ElbowAnalysis.Defaults.MaxK;
        List<ApplyJob> jobs = BatchPlanner.Plan(
            selection.Files, outDir, settings.ToBatchOutputs(), maxClusters, selection.Named, ManifestOption.Claim(settings.Manifest));
        ProtectedFiles.Check(BatchPlanner.Targets(jobs, maxClusters).Append(settings.Manifest), (settings.InputsFrom, "the --inputs-from list"));
        using OutputFolderLock claim = BatchOutputFolder.Claim(outDir, shard, jobs, maxClusters, settings.Manifest);
        ManifestOption.Prepare(settings.Manifest);

        var limits = settings.Limits;
        PaletteTrainingOptions options = settings.ToTrainingOptions();
        PaletteTrainingOptions? elbow = settings.Clusters is null ? settings.ToElbowOptions() : null;
        int parallelism = settings.Jobs ?? Environment.ProcessorCount;
        IReadOnlyList<ApplyOutcome> outcomes = BatchProgress.Run("Segmenting", jobs.Count, progress =>
            BatchSegmenter.Run(jobs, options, elbow, parallelism, settings.Force, limits, outcome => BatchOutputFolder.Report(progress, outcome), cancellationToken));

        timing.Stage($"images ({jobs.Count})");
        PrintNotices(outcomes.SelectMany(o => o.Notices));
        ManifestOption.Write(settings.Manifest, outcomes, o => o.ClusterCount ?? MaskCount(o.Job.Outputs));
        int failed = BatchOutputFolder.Summarize("segment", outcomes, shard);
        timing.PrintIf(settings.Verbose);
        return failed == 0 && selection.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // The masks a finished image left (its K is not known when it was skipped).
    private static int MaskCount(OutputPlan plan)
    {
        var count = 0;
        while (plan.MasksFolder is not null && File.Exists(OutputPlan.MaskPath(plan.MasksFolder, count)))
        {
            count++;
        }

        return count;
    }

    // Notes only once the work has succeeded: a failure prints exactly one line.
    // Segments into regions and writes the region map at once, so that its id per pixel (400 MB at 100 MP) is garbage
    // before the other outputs are rendered: only what they need leaves this method (probe F7).
    private static (LabelMap Labels, PaletteSummary Summary, int RegionCount) SegmentRegions(
        Image<Rgba32> image, PaletteTrainingOptions options, SegmentSettings settings, List<string> notices, CancellationToken cancellationToken)
    {
        RegionSegmentationResult regions = RegionSegmenter.Segment(image, options, settings.ToRegionOptions(), settings.Input, cancellationToken);
        PrintNotices(notices.Concat(regions.Notices));
        if (settings.RegionsPath is not null)
        {
            RegionMapWriter.Write(settings.RegionsPath, regions.Regions, settings.Force);
        }

        return (regions.Labels, PaletteSummary.Of(regions, options), regions.Regions.RegionCount);
    }

    private static void PrintNotices(IEnumerable<string> notices)
    {
        foreach (string notice in notices)
        {
            CliOutput.Note(notice);
        }
    }
}
