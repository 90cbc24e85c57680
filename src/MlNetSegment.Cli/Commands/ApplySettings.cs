using System.ComponentModel;
using MlNetSegment.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>apply</c>.</summary>
internal sealed class ApplySettings : BoundaryCommandSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("Palette model file (.zip) from train or segment --save-model.")]
    public string Model { get; init; } = string.Empty;

    [CommandArgument(1, "[INPUTS]")]
    [Description("Images: files, directories and glob patterns (photos/**/*.jpg).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--inputs-from <FILE>")]
    [Description(InputArguments.InputsFromHelp)]
    public string? InputsFrom { get; init; }

    [CommandOption("-o|--output <OUTDIR>")]
    [Description("Output folder (created if missing): <stem>.segmented.png per image; files found in a directory keep their relative path.")]
    public string? Output { get; init; }

    [CommandOption("--labels")]
    [Description("Also write <stem>.labels.png, the label map (value = palette index).")]
    public bool Labels { get; init; }

    [CommandOption("--masks")]
    [Description("Also write <stem>.masks/cluster-<index>.png: one RGBA cut-out per palette colour.")]
    public bool Masks { get; init; }

    [CommandOption("--boundaries")]
    [Description("Also write <stem>.boundaries.png: the original with the borders between clusters drawn.")]
    public bool Boundaries { get; init; }

    [CommandOption("--report")]
    [Description("Also write <stem>.report.json: pixels and share per palette colour, inertia.")]
    public bool Report { get; init; }

    [CommandOption("--palette")]
    [Description("Also write <stem>.palette.png: the palette strip, widths by share in this image.")]
    public bool Palette { get; init; }

    [CommandOption("--sheet")]
    [Description("Also write <stem>.sheet.png: original, segmented, boundaries and palette side by side.")]
    public bool Sheet { get; init; }

    [CommandOption("--dither")]
    [Description("Floyd–Steinberg dither the segmented image: every pixel still a palette colour, gradients kept. Labels, masks and report still give each pixel's own cluster.")]
    public bool Dither { get; init; }

    [CommandOption("--jobs <N>")]
    [Description("Images processed in parallel (default: number of cores).")]
    public int? Jobs { get; init; }

    [CommandOption("--shard <I/N|auto>")]
    [Description(ShardOption.Help)]
    public string? ShardText { get; init; }

    [CommandOption("--manifest <PATH>")]
    [Description(ManifestOption.Help)]
    public string? Manifest { get; init; }

    [CommandOption("--recursive")]
    [Description("Walk directories to all depths (default: their top level only).")]
    public bool Recursive { get; init; }

    /// <summary>The files written per image.</summary>
    public BatchOutputs ToBatchOutputs() => new()
    {
        Labels = Labels,
        Masks = Masks,
        Boundaries = Boundaries,
        Report = Report,
        Palette = Palette,
        Sheet = Sheet,
        BoundaryStyle = BoundarySettings.ToOptions(BoundaryColor, BoundaryWidth),
        Dither = Dither,
    };

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0 && InputsFrom is null)
        {
            return ValidationResult.Error("apply needs at least one input image (or --inputs-from FILE)");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("apply needs -o OUTDIR");
        }

        if (Jobs is < 1 or > 256)
        {
            return ValidationResult.Error("--jobs must be from 1 to 256");
        }

        ValidationResult shard = ShardOption.Validate(ShardText);
        if (!shard.Successful)
        {
            return shard;
        }

        ValidationResult common = base.Validate();
        return common.Successful ? BoundarySettings.Validate(BoundaryColor, BoundaryWidth) : common;
    }
}
