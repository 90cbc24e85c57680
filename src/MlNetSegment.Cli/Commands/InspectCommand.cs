using System.Globalization;
using System.Text.Json;
using MlNetSegment.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>inspect</c>: show a palette model's metadata and palette.</summary>
internal sealed class InspectCommand : Command<InspectSettings>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override int Execute(CommandContext context, InspectSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        // A full load checks the ML.NET part and its agreement with the metadata too, not just the JSON.
        PaletteModel model = PaletteModelFile.Load(settings.Model);
        PaletteModelMetadata metadata = PaletteModelFile.MetadataOf(model) with { FormatVersion = PaletteModelFile.FormatVersion };
        cancellationToken.ThrowIfCancellationRequested();
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(metadata, Indented));
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("index").AddColumn("colour").AddColumn("hex").AddColumn(new TableColumn("share").RightAligned());
        foreach (PaletteEntry entry in metadata.Palette)
        {
            table.AddRow(
                entry.Index.ToString(CultureInfo.InvariantCulture),
                $"[on {entry.Hex}]      [/]",
                entry.Hex,
                entry.Share.ToString("P1", CultureInfo.InvariantCulture));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.Model}: {metadata.ClusterCount} colours, {metadata.ColorSpace}, seed {metadata.Seed}, " +
            $"trained on {metadata.TrainedOn.SampledPixels:N0} pixels of {metadata.TrainedOn.ImageCount} image(s), " +
            $"format {metadata.FormatVersion}, MlNetSegment {metadata.ToolVersion}{(metadata.CreatedUtc is { } created ? $", {created:u}" : string.Empty)}"));
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
