using System.ComponentModel;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using MlNetSegment.IO;
using MlNetSegment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>segment</c>.</summary>
internal sealed class SegmentSettings : CommandSettings
{
    [CommandArgument(0, "<INPUT>")]
    [Description("Image to segment (PNG, JPEG, BMP or GIF; the format is read from the content).")]
    public string Input { get; init; } = string.Empty;

    [CommandOption("-k|--clusters <K>")]
    [Description("Number of colour clusters, 2 to 256.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Clusters)]
    public int Clusters { get; init; } = PaletteTrainingOptions.Defaults.Clusters;

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

    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled uniformly at random to fit on.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.SamplePixels)]
    public int SamplePixels { get; init; } = PaletteTrainingOptions.Defaults.SamplePixels;

    [CommandOption("--restarts <N>")]
    [Description("K-means runs from different seeds; the lowest error on the sample wins.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.Restarts)]
    public int Restarts { get; init; } = PaletteTrainingOptions.Defaults.Restarts;

    [CommandOption("-o|--output <PATH>")]
    [Description("Segmented image (.png, .jpg, .bmp). Default: <input stem>.segmented.png in the current folder.")]
    public string? Output { get; init; }

    [CommandOption("--labels <PATH>")]
    [Description("Also write the label map: a single-channel PNG whose value is the cluster index.")]
    public string? Labels { get; init; }

    [CommandOption("--save-model <PATH>")]
    [Description("Also save the palette fitted on this image as a model file (.zip) for apply.")]
    public string? SaveModel { get; init; }

    [CommandOption("--max-pixels <N>")]
    [Description("Refuse images with more pixels than this (checked from the header, before decoding).")]
    [DefaultValue(ImageLimits.Defaults.MaxPixels)]
    public long MaxPixels { get; init; } = ImageLimits.Defaults.MaxPixels;

    [CommandOption("--force")]
    [Description("Overwrite existing output files.")]
    public bool Force { get; init; }

    [CommandOption("--verbose")]
    [Description("Print timings, and stack traces on errors.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        ValidationResult training = SettingsChecks.Training(Clusters, ColorSpace, MaxIterations, SamplePixels, Restarts, MaxPixels);
        if (!training.Successful)
        {
            return training;
        }

        if (SaveModel is not null && !SaveModel.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{SaveModel}: a model file must end in .zip");
        }

        foreach (string? path in new[] { Output, Labels })
        {
            if (path is not null && !ImageWriter.IsSupported(path))
            {
                return ValidationResult.Error($"{path}: unsupported output format (use {string.Join(", ", ImageWriter.SupportedExtensions)})");
            }
        }

        if (Labels is not null && !Labels.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Labels}: the label map must be a .png (lossless)");
        }

        return ValidationResult.Success();
    }

    /// <summary>The K-means options these settings describe.</summary>
    public PaletteTrainingOptions ToTrainingOptions()
    {
        return new PaletteTrainingOptions
        {
            Clusters = Clusters,
            ColorSpace = ColorSpaceNames.Parse(ColorSpace),
            Seed = Seed,
            MaxIterations = MaxIterations,
            SamplePixels = SamplePixels,
            Restarts = Restarts,
        };
    }

    /// <summary>The output path: the one given, or the input's stem + ".segmented.png" in the current folder.</summary>
    public string OutputPath => Output ?? Path.GetFileNameWithoutExtension(Input) + ".segmented.png";
}
