using System.ComponentModel;
using MlNetSegment.Color;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>palette</c>.</summary>
internal sealed class PaletteSettings : CommonSettings
{
    [CommandOption("--colors <LIST>")]
    [Description("The palette's colours, comma-separated: \"#e63946,#f1faee,#1d3557\" (#rrggbb or #rgb; 2 to 256, distinct).")]
    public string? Colors { get; init; }

    [CommandOption("--from-image <PATH>")]
    [Description("Take the palette from an image's distinct opaque colours (a swatch card; at most 256).")]
    public string? FromImage { get; init; }

    [CommandOption("-o|--output <PATH>")]
    [Description("Model file to write (.zip); apply uses it like a trained one.")]
    public string? Output { get; init; }

    [CommandOption("--color-space <SPACE>")]
    [Description("Space in which each pixel's nearest palette colour is found: lab (perceptual), rgb, hsv or hsv-linear.")]
    [DefaultValue("lab")]
    public string ColorSpace { get; init; } = "lab";

    /// <summary>The parsed colour space (valid once <see cref="Validate"/> passed).</summary>
    public ColorSpace Space => ColorSpaceNames.TryParse(ColorSpace, out ColorSpace space) ? space : MlNetSegment.ColorSpace.Lab;

    public override ValidationResult Validate()
    {
        ValidationResult common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        return (Colors is null) == (FromImage is null) ? ValidationResult.Error("give either --colors or --from-image")
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o/--output is required: the model file to write")
            : SettingsChecks.CheckColorSpace(ColorSpace);
    }
}
