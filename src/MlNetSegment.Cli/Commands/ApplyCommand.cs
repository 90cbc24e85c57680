using MlNetSegment.IO;
using MlNetSegment.Models;
using MlNetSegment.Segmentation;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>apply</c>: segment many images with a saved palette, in parallel, resumable.</summary>
internal sealed class ApplyCommand : Command<ApplySettings>
{
    public override int Execute(CommandContext context, ApplySettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        var timing = new VerboseTiming();
        PaletteModel model = PaletteModelFile.Load(settings.Model);
        timing.Stage("load model");
        Shard shard = ShardOption.Resolve(settings.ShardText);
        string outDir = settings.Output!;
        InputSelection selection = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive, outDir, shard);
        List<ApplyJob> jobs = BatchPlanner.Plan(
            selection.Files, outDir, settings.ToBatchOutputs(), model.ClusterCount, selection.Named, ManifestOption.Claim(settings.Manifest));
        Directory.CreateDirectory(outDir);
        AtomicFile.EnsureWritableFolder(outDir);
        using OutputFolderLock claim = OutputFolderLock.Acquire(outDir, shard);
        ManifestOption.Prepare(settings.Manifest);
        if (shard.IsAll)
        {
            AtomicFile.DeleteStaleTempFiles(outDir);
        }
        else
        {
            // The other shards write into the same folder at the same time: their temporary files are live.
            AtomicFile.DeleteStaleTempFilesOf(BatchPlanner.Targets(jobs, model.ClusterCount));
        }

        var limits = settings.Limits;
        int parallelism = settings.Jobs ?? Environment.ProcessorCount;
        IReadOnlyList<ApplyOutcome> outcomes = BatchProgress.Run("Segmenting", jobs.Count, progress =>
            PaletteApplier.Run(model, jobs, parallelism, settings.Force, limits, outcome =>
            {
                switch (outcome.Status)
                {
                    case ApplyStatus.Failed:
                        progress.ItemDone(outcome.Message ?? outcome.Job.InputPath, isError: true);
                        break;
                    case ApplyStatus.Skipped:
                        progress.ItemDone($"{outcome.Job.InputPath}: skipped, {outcome.Job.OutputPath} exists");
                        break;
                    default:
                        progress.ItemDone($"{outcome.Job.InputPath} -> {outcome.Job.OutputPath}");
                        break;
                }
            }, cancellationToken));

        int succeeded = outcomes.Count(o => o.Status == ApplyStatus.Succeeded);
        int skipped = outcomes.Count(o => o.Status == ApplyStatus.Skipped);
        int failed = outcomes.Count(o => o.Status == ApplyStatus.Failed);
        timing.Stage($"images ({jobs.Count})");
        ManifestOption.Write(settings.Manifest, outcomes, model.ClusterCount);
        CliOutput.Summary($"apply: {succeeded} succeeded, {skipped} skipped (outputs exist), {failed} failed{(shard.IsAll ? string.Empty : $" (shard {shard})")}");
        timing.PrintIf(settings.Verbose);
        return failed == 0 && selection.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
