using System.Globalization;
using System.Text.Json;
using MlNetSegment.Evaluation;
using MlNetSegment.IO;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>evaluate</c>: BSDS region metrics (PRI, VoI, Covering) of predicted label maps against human annotations.</summary>
internal sealed class EvaluateCommand : Command<EvaluateSettings>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        EvaluationReport report = EvaluationRunner.Run(
            settings.Predictions!, settings.GroundTruth!, new ImageLimits { MaxPixels = settings.MaxPixels }, cancellationToken);
        foreach (string notice in report.Notices)
        {
            CliOutput.Note(notice);
        }

        // Errors are printed whatever --quiet says; the scores of the other images follow, and the exit code says
        // that not every prediction was scored.
        foreach (EvaluationFailure failure in report.Failures)
        {
            Console.Error.WriteLine("error: " + Messages.OneLine(failure.Message) + " (not scored)");
        }

        int exitCode = report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        if (settings.Json)
        {
            // Scripts get the failures as data too, when nothing was scored as well (mean is then null).
            var json = new
            {
                images = report.Images.Select(i => Entry(i.Id, i.Score, i.Regions)),
                mean = report.Mean is { } m && report.MeanRegions is { } r ? Entry(null, m, r) : null,
                failed = report.Failures.Select(f => new { id = f.Id, path = f.PredictionPath, error = Messages.OneLine(f.Message) }),
            };
            Console.WriteLine(JsonSerializer.Serialize(json, Indented));
            return exitCode;
        }

        if (report.Mean is not { } mean || report.MeanRegions is not { } meanRegions)
        {
            return exitCode;
        }

        Console.WriteLine($"{"image",-12} {"PRI",8} {"VoI nats",9} {"VoI bits",9} {"Covering",9} {"regions",8}");
        foreach (ImageEvaluation image in report.Images)
        {
            Console.WriteLine(Row(image.Id, image.Score, image.Regions.ToString(CultureInfo.InvariantCulture)));
        }

        Console.WriteLine(Row($"mean ({report.Images.Count})", mean, meanRegions.ToString("F1", CultureInfo.InvariantCulture)));
        return exitCode;
    }

    private static Dictionary<string, object> Entry(string? id, SegmentationScore score, double regions)
    {
        var entry = new Dictionary<string, object>();
        if (id is not null)
        {
            entry["id"] = id;
        }

        entry["pri"] = score.RandIndex;
        entry["voiNats"] = score.VoiNats;
        entry["voiBits"] = score.VoiBits;
        entry["covering"] = score.Covering;
        entry["regions"] = regions;
        return entry;
    }

    private static string Row(string id, SegmentationScore s, string regions) =>
        string.Create(CultureInfo.InvariantCulture, $"{id,-12} {s.RandIndex,8:F4} {s.VoiNats,9:F4} {s.VoiBits,9:F4} {s.Covering,9:F4} {regions,8}");
}
