using System.ComponentModel;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using MlNetSegment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>train</c>.</summary>
internal sealed class TrainSettings : CommandSettings
{
    /// <summary>Default sample for training on many images.</summary>
    public const int DefaultSamplePixels = 250_000;

    [CommandArgument(0, "<INPUTS>")]
    [Description("Reference images: files, directories and glob patterns (photos/**/*.jpg).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-k|--clusters <K>")]
    [Description("Number of palette colours, 2 to 256.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Clusters)]
    public int Clusters { get; init; } = PaletteTrainingOptions.Defaults.Clusters;

    [CommandOption("-o|--output <PATH>")]
    [Description("Model file to write (.zip).")]
    public string? Output { get; init; }

    [CommandOption("--color-space <SPACE>")]
    [Description("Feature space: hsv (default), hsv-linear, rgb, lab.")]
    [DefaultValue("hsv")]
    public string ColorSpace { get; init; } = "hsv";

    [CommandOption("--seed <N>")]
    [Description("Seed of every random choice.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Seed)]
    public int Seed { get; init; } = PaletteTrainingOptions.Defaults.Seed;

    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled uniformly across all images together (memory depends on this, not on the image count).")]
    [DefaultValue(DefaultSamplePixels)]
    public int SamplePixels { get; init; } = DefaultSamplePixels;

    [CommandOption("--max-iterations <N>")]
    [Description("K-means iteration cap per run.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.MaxIterations)]
    public int MaxIterations { get; init; } = PaletteTrainingOptions.Defaults.MaxIterations;

    [CommandOption("--restarts <N>")]
    [Description("K-means runs from different seeds; the lowest error on the sample wins.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Restarts)]
    public int Restarts { get; init; } = PaletteTrainingOptions.Defaults.Restarts;

    [CommandOption("--recursive")]
    [Description("Walk directories to all depths (default: their top level only).")]
    public bool Recursive { get; init; }

    [CommandOption("--max-pixels <N>")]
    [Description("Refuse images with more pixels than this.")]
    [DefaultValue(ImageLimits.Defaults.MaxPixels)]
    public long MaxPixels { get; init; } = ImageLimits.Defaults.MaxPixels;

    [CommandOption("--force")]
    [Description("Overwrite an existing model file.")]
    public bool Force { get; init; }

    [CommandOption("--verbose")]
    [Description("Print stack traces on errors.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0)
        {
            return ValidationResult.Error("train needs at least one input");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("train needs -o PATH.zip");
        }

        if (!Output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Output}: a model file must end in .zip");
        }

        return SettingsChecks.Training(Clusters, ColorSpace, MaxIterations, SamplePixels, Restarts, MaxPixels);
    }

    /// <summary>The K-means options these settings describe.</summary>
    public PaletteTrainingOptions ToTrainingOptions() => new()
    {
        Clusters = Clusters,
        ColorSpace = ColorSpaceNames.Parse(ColorSpace),
        Seed = Seed,
        MaxIterations = MaxIterations,
        SamplePixels = SamplePixels,
        Restarts = Restarts,
    };
}
