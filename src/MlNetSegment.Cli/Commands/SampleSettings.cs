using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>sample</c>.</summary>
internal sealed class SampleSettings : CommonSettings
{
    [CommandArgument(0, "[INPUTS]")]
    [Description("Reference images: files, directories and glob patterns (photos/**/*.jpg).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--inputs-from <FILE>")]
    [Description(InputArguments.InputsFromHelp)]
    public string? InputsFrom { get; init; }

    [CommandOption("--shard <I/N|auto>")]
    [Description(ShardOption.Help)]
    public string? ShardText { get; init; }

    [CommandOption("-o|--output <PATH>")]
    [Description("Sample file to write (.sample), for train --from-samples.")]
    public string? Output { get; init; }

    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels this shard keeps, drawn uniformly from all its images' pixels; train --from-samples needs as many as its own --sample-pixels (default 250000, train's).")]
    [DefaultValue(TrainSettings.DefaultSamplePixels)]
    public int SamplePixels { get; init; } = TrainSettings.DefaultSamplePixels;

    [CommandOption("--seed <N>")]
    [Description("Seed of the batch: each shard samples with a seed derived from it and its shard; train --from-samples takes the same.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Seed)]
    public int Seed { get; init; } = PaletteTrainingOptions.Defaults.Seed;

    [CommandOption("--color-space <SPACE>")]
    [Description("Colour space the palette will be fitted in (recorded; train --from-samples must use the same): hsv, hsv-linear, rgb, lab.")]
    [DefaultValue("hsv")]
    public string ColorSpace { get; init; } = "hsv";

    [CommandOption("--recursive")]
    [Description("Walk directories to all depths (default: their top level only).")]
    public bool Recursive { get; init; }

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0 && InputsFrom is null)
        {
            return ValidationResult.Error("sample needs at least one input (or --inputs-from FILE)");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("sample needs -o PATH.sample");
        }

        if (!Output.EndsWith(".sample", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Output}: a sample file must end in .sample");
        }

        ValidationResult options = SettingsChecks.Training(ColorSpace, new PaletteTrainingOptions { SamplePixels = SamplePixels }, Limits);
        if (!options.Successful)
        {
            return options;
        }

        ValidationResult shard = ShardOption.Validate(ShardText);
        return shard.Successful ? base.Validate() : shard;
    }
}
