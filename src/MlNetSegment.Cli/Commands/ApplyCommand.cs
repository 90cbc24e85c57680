using MlNetSegment.Batch;
using MlNetSegment.IO;
using MlNetSegment.Models;
using MlNetSegment.Output;
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
        RawArguments.CheckOutput(outDir);
        InputSelection selection = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive, outDir, shard);
        List<ApplyJob> jobs = BatchPlanner.Plan(
            selection.Files, outDir, settings.ToBatchOutputs(), model.ClusterCount, selection.Named, ManifestOption.Claim(settings.Manifest));
        ProtectedFiles.Check(
            BatchPlanner.Targets(jobs, model.ClusterCount).Append(settings.Manifest),
            (settings.Model, "the model"),
            (settings.InputsFrom, "the --inputs-from list"));
        using OutputFolderLock claim = BatchOutputFolder.Claim(outDir, shard, jobs, settings.Force, model.ClusterCount, settings.Manifest);
        ManifestOption.Prepare(settings.Manifest);

        var limits = settings.Limits;
        int parallelism = settings.Jobs ?? Environment.ProcessorCount;
        IReadOnlyList<ApplyOutcome> outcomes = BatchProgress.Run("Segmenting", jobs.Count, progress =>
            PaletteApplier.Run(model, jobs, parallelism, settings.Force, limits, outcome => BatchOutputFolder.Report(progress, outcome), cancellationToken));

        timing.Stage($"images ({jobs.Count})");
        ManifestOption.Write(settings.Manifest, outcomes, _ => model.ClusterCount);
        int failed = BatchOutputFolder.Summarize("apply", outcomes, shard);
        timing.PrintIf(settings.Verbose);
        return failed == 0 && selection.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
