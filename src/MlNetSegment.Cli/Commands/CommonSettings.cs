using System.ComponentModel;
using MlNetSegment.Color;
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

    [CommandOption("--decoder <NAME>")]
    [Description("PNG and JPEG decoder: native (libpng and libjpeg-turbo through SkiaSharp, fast start) or managed (ImageSharp, memory-safe C#). BMP and GIF always use ImageSharp.")]
    [DefaultValue("native")]
    public string Decoder { get; init; } = "native";

    [CommandOption("--force")]
    [Description("Overwrite existing output files (never an input).")]
    public bool Force { get; init; }

    [CommandOption("--quiet")]
    [Description("Print errors only: no summary, notes, warnings or progress.")]
    public bool Quiet { get; init; }

    [CommandOption("--verbose")]
    [Description("Print timings, and stack traces on errors.")]
    public bool Verbose { get; init; }

    /// <summary>The image limits these settings describe.</summary>
    public ImageLimits Limits => new()
    {
        MaxPixels = MaxPixels,
        Decoder = Decoder == "managed" ? PixelDecoder.Managed : PixelDecoder.Native,
    };

    public override ValidationResult Validate() =>
        Decoder is not ("native" or "managed") ? ValidationResult.Error($"--decoder must be native or managed, not '{Decoder}'")
        : SettingsChecks.Check(Limits.Validate);
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

    /// <summary>K-means iteration cap per run, or null for the verb's default; each verb words its own help.</summary>
    public abstract int? MaxIterationsOption { get; init; }

    /// <summary>K-means restarts, or null for the verb's default; each verb words its own help.</summary>
    public abstract int? RestartsOption { get; init; }

    [CommandOption("--tolerance <T>")]
    [Description("K-means convergence tolerance: a run stops when its error improves by less than this.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Tolerance)]
    public float? ToleranceOption { get; init; } = PaletteTrainingOptions.Defaults.Tolerance;

    /// <summary>Pixels sampled to fit on, or null for the verb's default.</summary>
    public abstract int? SamplePixelsOption { get; init; }

    /// <summary>
    /// The K-means settings this verb uses for what the command line leaves out: the library's defaults unless a verb
    /// (or a mode of it) was tuned with others.
    /// </summary>
    protected virtual PaletteTrainingOptions FitDefaults => new();

    /// <summary>Validates these options with <paramref name="clusters"/> as K.</summary>
    protected ValidationResult ValidateFit(int clusters)
    {
        ValidationResult common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        return SettingsChecks.Training(ColorSpace, ToTrainingOptions(clusters), Limits);
    }

    /// <summary>The K-means options these settings describe, for K = <paramref name="clusters"/>.</summary>
    public PaletteTrainingOptions ToTrainingOptions(int clusters)
    {
        PaletteTrainingOptions defaults = FitDefaults;
        return defaults with
        {
            Clusters = clusters,
            ColorSpace = ColorSpaceNames.TryParse(ColorSpace, out ColorSpace space) ? space : defaults.ColorSpace,
            Seed = Seed,
            MaxIterations = MaxIterationsOption ?? defaults.MaxIterations,
            SamplePixels = SamplePixelsOption ?? defaults.SamplePixels,
            Restarts = RestartsOption ?? defaults.Restarts,
            Tolerance = ToleranceOption ?? defaults.Tolerance,
        };
    }
}
