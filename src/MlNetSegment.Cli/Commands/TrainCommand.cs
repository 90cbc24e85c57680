using System.Globalization;
using MlNetSegment.IO;
using MlNetSegment.Models;
using MlNetSegment.Training;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>train</c>: fit one palette on a sample drawn from many reference images and save it.</summary>
internal sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        var timing = new VerboseTiming();
        string output = settings.Output!;
        if (settings.FromSamples)
        {
            return ExecuteFromSamples(settings, timing, cancellationToken);
        }

        IReadOnlyList<InputFile> inputs = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive).Files;

        if (inputs.Count == 0)
        {
            throw new UsageException("no input images");
        }

        OutputPaths.CheckAll(inputs.Select(i => i.Path), settings.Force, [output]);
        var limits = settings.Limits;
        PaletteTrainingRun run = BatchProgress.Run("Sampling", inputs.Count, progress =>
            PaletteTrainer.Train(
                [.. inputs.Select(i => i.Path)],
                settings.ToTrainingOptions(),
                limits,
                new ItemProgress(progress, inputs.Count, $"Fitting {settings.Clusters} colours ({settings.ToTrainingOptions().Restarts} K-means runs)"),
                decodeAhead: Math.Max(1, Environment.ProcessorCount),
                cancellationToken: cancellationToken));

        timing.Stage($"decode, sample and fit ({inputs.Count} image(s))");
        foreach (var (_, reason) in run.Skipped)
        {
            Console.Error.WriteLine("error: " + reason + " (skipped)");
        }

        SaveAndReport(run, output, $"; {run.Skipped.Count} skipped", settings, timing);
        return run.Skipped.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // The reduce step: merge the shards' sample files, fit once.
    private static int ExecuteFromSamples(TrainSettings settings, VerboseTiming timing, CancellationToken cancellationToken)
    {
        string output = settings.Output!;
        List<string> parts = [];
        foreach (string input in settings.Inputs)
        {
            if (Directory.Exists(input))
            {
                List<string> found = [.. Directory.EnumerateFiles(input, "*.sample").Order(StringComparer.Ordinal)];
                if (found.Count == 0)
                {
                    throw new IOException($"{input}: no .sample files in this folder");
                }

                parts.AddRange(found);
            }
            else
            {
                parts.Add(input);
            }
        }

        OutputPaths.CheckAll(parts, settings.Force, [output]);
        PaletteTrainingRun run = PaletteTrainer.TrainFromSamples(parts, settings.ToTrainingOptions(), cancellationToken);
        timing.Stage($"merge and fit ({parts.Count} part(s))");
        SaveAndReport(run, output, string.Empty, settings, timing, $", merged from {parts.Count} sample file(s)");
        return ExitCodes.Success;
    }

    // Notices, the model file, the summary line and the timings: the same for both kinds of training.
    private static void SaveAndReport(PaletteTrainingRun run, string output, string tail, TrainSettings settings, VerboseTiming timing, string source = "")
    {
        foreach (string notice in run.Notices)
        {
            CliOutput.Note(notice);
        }

        PaletteModelFile.Save(run.Model, output, settings.Force);
        timing.Stage("save");
        CliOutput.Summary(string.Create(
            CultureInfo.InvariantCulture,
            $"train: {run.Model.ClusterCount} colours from {run.Model.Info.SampledPixels:N0} pixels of {run.Model.Info.ImageCount} image(s){source} -> {output}{tail}"));
        timing.PrintIf(settings.Verbose);
    }
}
