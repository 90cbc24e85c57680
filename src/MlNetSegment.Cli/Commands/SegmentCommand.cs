using MlNetSegment.Batch;
using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Models;
using MlNetSegment.Output;
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

        // K given or chosen (-k auto), palette or regions: the library decides, from the options.
        var pipeline = new ImagePipelineOptions
        {
            Fit = settings.ToTrainingOptions(),
            AutoClusters = settings.Clusters is null ? settings.ToElbowOptions() : null,
            Regions = settings.RegionMode ? settings.ToRegionOptions() : null,
        };
        // A failure part-way (a full disk) removes the outputs this run created: a failed command leaves none behind.
        ImagePipelineResult result = plan.BeginWriting(maxClusters, settings.SaveModel, settings.RegionsPath).Guard(() =>
        {
            ImagePipelineResult segmented = ImagePipeline.Run(
                image,
                pipeline,
                settings.Input,
                regions =>
                {
                    if (settings.RegionsPath is not null)
                    {
                        RegionMapWriter.Write(settings.RegionsPath, regions, settings.Force);
                    }
                },
                cancellationToken);
            PrintNotices(notices.Concat(segmented.Notices));
            if (segmented.Model is { } model)
            {
                timing.Add("fit", segmented.FitTime);
                timing.Add("label", segmented.LabelTime);
                TimeSpan written = timing.Elapsed;
                SegmentationOutputWriter.WriteAll(settings.Input, image, segmented.Labels, model, plan, settings.Force, cancellationToken);
                timing.Add("encode", timing.Elapsed - written);
                if (settings.SaveModel is not null)
                {
                    PaletteModelFile.Save(model, settings.SaveModel, settings.Force);
                }
            }
            else
            {
                SegmentationOutputWriter.WriteAll(settings.Input, image, segmented.Labels, segmented.Summary, plan, settings.Force, segmented.RegionCount, cancellationToken);
                timing.Stage("segment and write");
            }

            return segmented;
        });

        string regionsFound = result.RegionCount is { } count ? $", {count} regions" : string.Empty;
        CliOutput.Summary($"{settings.Input}: {image.Width}x{image.Height}, {result.Summary.ClusterCount} clusters{regionsFound} -> {plan.SegmentedPath}");
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
        using OutputFolderLock claim = BatchOutputFolder.Claim(outDir, shard, jobs, settings.Force, maxClusters, settings.Manifest);
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
    private static void PrintNotices(IEnumerable<string> notices)
    {
        foreach (string notice in notices)
        {
            CliOutput.Note(notice);
        }
    }
}
