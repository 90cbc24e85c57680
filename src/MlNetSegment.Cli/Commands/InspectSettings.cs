using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>inspect</c>.</summary>
internal sealed class InspectSettings : CommandSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("Palette model file (.zip).")]
    public string Model { get; init; } = string.Empty;

    [CommandOption("--quiet")]
    [Description("Print errors only: no summary, notes, warnings or progress.")]
    public bool Quiet { get; init; }

    [CommandOption("--json")]
    [Description("Print the model's metadata and palette as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--verbose")]
    [Description("Print stack traces on errors.")]
    public bool Verbose { get; init; }
}
