using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>summarize</c>.</summary>
internal sealed class SummarizeSettings : CommandSettings
{
    [CommandArgument(0, "<MANIFESTS>")]
    [Description("Manifests written by --manifest: files, or folders whose *.jsonl files are read.")]
    public string[] Manifests { get; init; } = [];

    [CommandOption("--json")]
    [Description("Print the totals, the failures and the inputs named twice as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--quiet")]
    [Description("Print errors only: no summary line (the failures are still listed).")]
    public bool Quiet { get; init; }

    [CommandOption("--verbose")]
    [Description("Print stack traces on errors.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate() =>
        Manifests.Length == 0 ? ValidationResult.Error("summarize needs at least one manifest or folder") : ValidationResult.Success();
}
