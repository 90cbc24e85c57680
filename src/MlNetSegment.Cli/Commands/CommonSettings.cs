using System.ComponentModel;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using MlNetSegment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Options every verb that reads images or writes files takes.</summary>
internal abstract class CommonSettings : CommandSettings
{
    [CommandOption("--max-pixels <N>")]
    [Description("Refuse images with more pixels than this (checked from the header, before decoding).")]
    [DefaultValue(ImageLimits.Defaults.MaxPixels)]
    public long MaxPixels { get; init; } = ImageLimits.Defaults.MaxPixels;

    [CommandOption("--force")]
    [Description("Overwrite existing output files (never an input).")]
    public bool Force { get; init; }

    [CommandOption("--verbose")]
    [Description("Print timings, and stack traces on errors.")]
    public bool Verbose { get; init; }

    /// <summary>The image limits these settings describe.</summary>
    public ImageLimits Limits => new() { MaxPixels = MaxPixels };

    public override ValidationResult Validate() =>
        MaxPixels < 1 ? ValidationResult.Error("--max-pixels must be at least 1") : ValidationResult.Success();
}

/// <summary>Options of the verbs that fit K-means.</summary>
internal abstract class FitSettings : CommonSettings
{
    [CommandOption("--color-space <SPACE>")]
    [Description("Feature space: hsv (hue on a circle, default), hsv-linear (H/360, S, V), rgb, lab.")]
    [DefaultValue("hsv")]
    public string ColorSpace { get; init; } = "hsv";

    [CommandOption("--seed <N>")]
    [Description("Seed of every random choice; same input, options and seed give byte-identical output.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Seed)]
    public int Seed { get; init; } = PaletteTrainingOptions.Defaults.Seed;

    [CommandOption("--max-iterations <N>")]
    [Description("K-means iteration cap per run.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.MaxIterations)]
    public int MaxIterations { get; init; } = PaletteTrainingOptions.Defaults.MaxIterations;

    [CommandOption("--restarts <N>")]
    [Description("K-means runs from different seeds; the lowest error on the sample wins.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Restarts)]
    public int Restarts { get; init; } = PaletteTrainingOptions.Defaults.Restarts;

    /// <summary>Pixels sampled to fit on; each verb has its own default.</summary>
    public abstract int SamplePixels { get; init; }

    /// <summary>Validates these options with <paramref name="clusters"/> as K.</summary>
    protected ValidationResult ValidateFit(int clusters)
    {
        ValidationResult common = base.Validate();
        return common.Successful
            ? SettingsChecks.Training(clusters, ColorSpace, MaxIterations, SamplePixels, Restarts, MaxPixels)
            : common;
    }

    /// <summary>The K-means options these settings describe, for K = <paramref name="clusters"/>.</summary>
    public PaletteTrainingOptions ToTrainingOptions(int clusters) => new()
    {
        Clusters = clusters,
        ColorSpace = ColorSpaceNames.Parse(ColorSpace),
        Seed = Seed,
        MaxIterations = MaxIterations,
        SamplePixels = SamplePixels,
        Restarts = Restarts,
    };
}
