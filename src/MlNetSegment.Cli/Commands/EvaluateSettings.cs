using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Options of <c>evaluate</c>.</summary>
internal sealed class EvaluateSettings : CommandSettings
{
    [CommandOption("--pred <DIR>")]
    [Description("Folder of predicted label PNGs named ID.png or ID.anything.png (8- or 16-bit grey; any label values).")]
    public string? Predictions { get; init; }

    [CommandOption("--gt <DIR>")]
    [Description("Folder of ground-truth label PNGs named ID_gtN.png, one per annotator (as BSDS500 exports).")]
    public string? GroundTruth { get; init; }

    [CommandOption("--json")]
    [Description("Print per-image and mean scores as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--max-pixels <N>")]
    [Description("Refuse label maps with more pixels than this (checked from the header, before decoding)")]
    [DefaultValue(ImageLimits.Defaults.MaxPixels)]
    public long MaxPixels { get; init; } = ImageLimits.Defaults.MaxPixels;

    [CommandOption("--quiet")]
    [Description("Print errors only: no summary, notes, warnings or progress.")]
    public bool Quiet { get; init; }

    [CommandOption("--verbose")]
    [Description("Print stack traces on errors.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrEmpty(Predictions))
        {
            return ValidationResult.Error("--pred DIR is required");
        }

        if (string.IsNullOrEmpty(GroundTruth))
        {
            return ValidationResult.Error("--gt DIR is required");
        }

        return SettingsChecks.Check(new ImageLimits { MaxPixels = MaxPixels }.Validate);
    }
}
