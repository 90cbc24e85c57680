using System.Globalization;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.IO;
using MlNetSegment.Sampling;
using MlNetSegment.Training;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>sample</c>: the map step of map/reduce training, one shard's uniform pixel sample in a sample file.</summary>
internal sealed class SampleCommand : Command<SampleSettings>
{
    public override int Execute(CommandContext context, SampleSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        var timing = new VerboseTiming();
        string output = settings.Output!;
        Shard shard = ShardOption.Resolve(settings.ShardText);
        InputSelection selection = InputArguments.Gather(settings.Inputs, settings.InputsFrom, settings.Recursive, shard: shard);
        IReadOnlyList<InputFile> inputs = selection.Files;
        OutputPaths.CheckAll(inputs.Select(i => i.Path), settings.Force, [output]);
        int seed = PixelSample.ShardSeed(settings.Seed, shard);
        BatchSample sample = BatchProgress.Run("Sampling", inputs.Count, progress =>
            BatchSampler.Sample(
                [.. inputs.Select(i => i.Path)],
                settings.SamplePixels,
                seed,
                settings.Limits,
                new ItemProgress(progress),
                decodeAhead: Math.Max(1, Environment.ProcessorCount),
                cancellationToken));
        timing.Stage($"decode and sample ({inputs.Count} image(s))");
        foreach (var (_, reason) in sample.Skipped)
        {
            Console.Error.WriteLine("error: " + reason + " (skipped)");
        }

        PixelReservoir reservoir = sample.Reservoir;
        var colors = new int[reservoir.Count];
        for (var i = 0; i < colors.Length; i++)
        {
            colors[i] = DistinctColors.Pack(reservoir.Items[i].Color);
        }

        PixelSampleFile.Write(output, new PixelSample
        {
            ToolVersion = ToolInfo.Version,
            ColorSpace = ColorSpaceNames.Parse(settings.ColorSpace),
            Seed = settings.Seed,
            Shard = shard,
            Capacity = settings.SamplePixels,
            ImageCount = sample.ImageCount,
            SkippedCount = sample.Skipped.Count,
            PixelsSeen = reservoir.Seen,
            PixelCount = colors.Length,
            Colors = colors,
        }, settings.Force);
        timing.Stage("write");
        if (inputs.Count == 0)
        {
            CliOutput.Note($"shard {shard} holds none of the inputs; its sample is empty, which train --from-samples counts as such.");
        }

        CliOutput.Summary(string.Create(
            CultureInfo.InvariantCulture,
            $"sample: {colors.Length:N0} of {reservoir.Seen:N0} pixels from {sample.ImageCount} image(s){(shard.IsAll ? string.Empty : $" (shard {shard})")} -> {output}; {sample.Skipped.Count} skipped"));
        timing.PrintIf(settings.Verbose);
        return sample.Skipped.Count == 0 && selection.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
