using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>train</c>.</summary>
internal sealed class TrainSettings : FitSettings
{
    /// <summary>Default sample for training on many images.</summary>
    public const int DefaultSamplePixels = 250_000;

    [CommandArgument(0, "[INPUTS]")]
    [Description("Reference images: files, directories and glob patterns (photos/**/*.jpg).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--inputs-from <FILE>")]
    [Description(InputArguments.InputsFromHelp)]
    public string? InputsFrom { get; init; }

    [CommandOption("-k|--clusters <K>")]
    [Description("Number of palette colours, 2 to 256.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Clusters)]
    public int Clusters { get; init; } = PaletteTrainingOptions.Defaults.Clusters;

    [CommandOption("-o|--output <PATH>")]
    [Description("Model file to write (.zip).")]
    public string? Output { get; init; }

    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled uniformly across all images together (memory depends on this, not on the image count).")]
    [DefaultValue(DefaultSamplePixels)]
    public override int? SamplePixelsOption { get; init; } = DefaultSamplePixels;

    [CommandOption("--restarts <N>")]
    [Description("K-means runs from different seeds, in parallel; the lowest error on the sample wins.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Restarts)]
    public override int? RestartsOption { get; init; } = PaletteTrainingOptions.Defaults.Restarts;

    [CommandOption("--max-iterations <N>")]
    [Description("K-means iteration cap per run.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.MaxIterations)]
    public override int? MaxIterationsOption { get; init; } = PaletteTrainingOptions.Defaults.MaxIterations;

    [CommandOption("--from-samples")]
    [Description("INPUTS are sample files written by sample for the shards of one list (or folders of .sample files): merge them into one uniform sample of --sample-pixels pixels and fit once (the reduce step of map/reduce training). --seed and --color-space must be the ones the parts were sampled with.")]
    public bool FromSamples { get; init; }

    [CommandOption("--recursive")]
    [Description("Walk directories to all depths (default: their top level only).")]
    public bool Recursive { get; init; }

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0 && InputsFrom is null)
        {
            return ValidationResult.Error("train needs at least one input (or --inputs-from FILE)");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("train needs -o PATH.zip");
        }

        if (FromSamples && (InputsFrom is not null || Inputs.Length == 0))
        {
            return ValidationResult.Error("--from-samples reads the sample files named as INPUTS (files, or folders of .sample files), not --inputs-from");
        }

        if (!Output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Output}: a model file must end in .zip");
        }

        return ValidateFit(Clusters);
    }

    /// <summary>The K-means options these settings describe.</summary>
    public PaletteTrainingOptions ToTrainingOptions() => ToTrainingOptions(Clusters);
}
