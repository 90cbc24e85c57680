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
        InputSelection selection = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive, settings.Output);
        IReadOnlyList<InputFile> inputs = selection.Files;

        string outDir = settings.Output!;
        List<ApplyJob> jobs = PlanJobs(inputs, outDir, settings, model.ClusterCount);
        Directory.CreateDirectory(outDir);
        AtomicFile.EnsureWritableFolder(outDir);
        using OutputFolderLock claim = OutputFolderLock.Acquire(outDir);
        AtomicFile.DeleteStaleTempFiles(outDir);

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
        CliOutput.Summary($"apply: {succeeded} succeeded, {skipped} skipped (outputs exist), {failed} failed");
        timing.PrintIf(settings.Verbose);
        return failed == 0 && selection.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Output paths for every input; refuses, before any work, two inputs landing on one output and an output that
    /// would be an input.
    /// </summary>
    internal static List<ApplyJob> PlanJobs(IReadOnlyList<InputFile> inputs, string outDir, ApplySettings settings, int clusterCount)
    {
        var jobs = new List<ApplyJob>(inputs.Count);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputPaths = new HashSet<string>(inputs.Select(i => Path.GetFullPath(i.Path)), StringComparer.Ordinal);
        // Identities once, not per output: a resumed batch has every output on disk.
        var inputFiles = inputs.Select(i => FileIdentity.Of(i.Path)).OfType<(ulong, ulong)>().ToHashSet();
        foreach (InputFile input in inputs)
        {
            string stem = Path.Combine(outDir, input.RelativeStem);
            var plan = new OutputPlan
            {
                SegmentedPath = stem + ".segmented.png",
                LabelsPath = settings.Labels ? stem + ".labels.png" : null,
                MasksFolder = settings.Masks ? stem + ".masks" : null,
                BoundariesPath = settings.Boundaries ? stem + ".boundaries.png" : null,
                ReportPath = settings.Report ? stem + ".report.json" : null,
                PalettePath = settings.Palette ? stem + ".palette.png" : null,
                SheetPath = settings.Sheet ? stem + ".sheet.png" : null,
                Boundaries = BoundarySettings.ToOptions(settings.BoundaryColor, settings.BoundaryWidth),
            };
            IEnumerable<string> claimed = plan.MasksFolder is null
                ? plan.SingleFiles()
                : plan.SingleFiles().Append(plan.MasksFolder).Concat(Enumerable.Range(0, clusterCount).Select(c => OutputPlan.MaskPath(plan.MasksFolder, c)));
            foreach (string path in claimed)
            {
                string full = Path.GetFullPath(path);
                if (owners.TryGetValue(full, out string? other))
                {
                    throw new UsageException($"{input.Path} and {other} would both be written to {path}; rename one or apply them separately");
                }

                if (inputPaths.Contains(full) || (FileIdentity.Of(full) is { } identity && inputFiles.Contains(identity)))
                {
                    throw new UsageException($"{path}: the output would overwrite an input");
                }

                owners[full] = input.Path;
            }

            jobs.Add(new ApplyJob(input.Path, plan));
        }

        return jobs;
    }
}
