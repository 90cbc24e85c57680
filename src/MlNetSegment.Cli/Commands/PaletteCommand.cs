using System.Globalization;
using MlNetSegment.Models;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>palette</c>: a model from given colours (or a swatch image's colours), without training.</summary>
internal sealed class PaletteCommand : Command<PaletteSettings>
{
    public override int Execute(CommandContext context, PaletteSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        var timing = new VerboseTiming();
        string output = settings.Output!;
        OutputPaths.CheckAll(settings.FromImage is { } swatches ? [swatches] : [], settings.Force, [output]);

        PaletteModel model;
        try
        {
            model = settings.Colors is { } colors
                ? PaletteModel.FromColors(colors.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), settings.Space)
                : PaletteModel.FromImage(settings.FromImage!, settings.Space, settings.Limits);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--colors: " + ex.Message.Split(" (Parameter")[0]);
        }

        timing.Stage("palette");
        // Reading a large swatch image takes a while; a signal that came meanwhile means no model.
        cancellationToken.ThrowIfCancellationRequested();
        PaletteModelFile.Save(model, output, settings.Force);
        timing.Stage("save");
        CliOutput.Summary(string.Create(
            CultureInfo.InvariantCulture,
            $"palette: {model.ClusterCount} colours ({string.Join(", ", model.Palette.Select(c => c.Hex))}), {settings.ColorSpace} -> {output}"));
        timing.PrintIf(settings.Verbose);
        return ExitCodes.Success;
    }
}
