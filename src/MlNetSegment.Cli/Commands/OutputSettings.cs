using System.ComponentModel;
using MlNetSegment.Rendering;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Options shared by the verbs that draw borders.</summary>
internal static class BoundarySettings
{
    public const string ColorHelp = "Border colour: #rrggbb, #rrggbbaa or a CSS name (default yellow).";
    public const string WidthHelp = "Border width in pixels, 1 to 16 (default 1).";

    public static ValidationResult Validate(string? color, int width)
    {
        if (color is not null && !SixLabors.ImageSharp.Color.TryParse(color, out _))
        {
            return ValidationResult.Error($"--boundary-color: '{color}' is not a colour (use #rrggbb or a CSS name)");
        }

        return SettingsChecks.Check(new BoundaryOptions { Width = width }.Validate);
    }

    public static BoundaryOptions ToOptions(string? color, int width) => new()
    {
        Color = color is null ? new BoundaryOptions().Color : SixLabors.ImageSharp.Color.Parse(color).ToPixel<Rgba32>(),
        Width = width,
    };
}

/// <summary>A base for settings that carry the boundary options, so both verbs describe them the same way.</summary>
internal abstract class BoundaryCommandSettings : CommonSettings
{
    [CommandOption("--boundary-color <COLOR>")]
    [Description(BoundarySettings.ColorHelp)]
    public string? BoundaryColor { get; init; }

    [CommandOption("--boundary-width <N>")]
    [Description(BoundarySettings.WidthHelp)]
    [DefaultValue(BoundaryOptions.Defaults.Width)]
    public int BoundaryWidth { get; init; } = BoundaryOptions.Defaults.Width;
}
