using System.Globalization;
using System.Text.Json;
using MlNetSegment.Charts;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using SkiaSharp;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>elbow</c>: help choose K.</summary>
internal sealed class ElbowCommand : Command<ElbowSettings>
{
    // Reports on the calling thread, unlike Progress<T>, which posts to a synchronisation context.
    private sealed class ReportTo<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override int Execute(CommandContext context, ElbowSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        if (settings.Plot is not null)
        {
            OutputPaths.CheckAll(settings.Input, settings.Force, [settings.Plot]);
        }

        var timing = new VerboseTiming();
        var (min, max) = settings.ParsedRange;
        using LoadedImage loaded = ImageLoader.LoadWithNotices(settings.Input, settings.Limits, cancellationToken);
        timing.Stage("decode");
        // A bar on a terminal (K = 2..256 takes minutes); nothing when redirected, where stdout is the table or JSON.
        ElbowResult result = BatchProgress.RunInteractiveOnly($"elbow of {settings.Input}, K = {min}..{max}", max - min + 1, progress =>
            ElbowAnalysis.Run(
                loaded.Image,
                min,
                max,
                settings.ToTrainingOptions(),
                settings.Input,
                new ReportTo<ElbowPoint>(p => progress.Advance(string.Create(CultureInfo.InvariantCulture, $"K = {p.K}: inertia {p.Inertia:F2}"))),
                cancellationToken));
        timing.Stage($"fit K = {min}..{max}");
        foreach (string notice in loaded.Notices.Append(result.Note).OfType<string>())
        {
            CliOutput.Note(notice);
        }

        if (settings.Plot is not null)
        {
            using SKBitmap chart = ElbowChartRenderer.Render(result);
            SegmentationOutputWriter.WritePng(chart, settings.Plot, settings.Force);
        }

        if (settings.Json)
        {
            var document = new
            {
                results = result.Results.Select(p => new { k = p.K, inertia = p.Inertia, silhouette = p.Silhouette }),
                suggestedK = result.SuggestedK,
                sampledPixels = result.SampledPixels,
            };
            Console.WriteLine(JsonSerializer.Serialize(document, Indented));
            timing.PrintIf(settings.Verbose);
            return ExitCodes.Success;
        }

        Console.WriteLine("    K      inertia  silhouette");
        foreach (ElbowPoint p in result.Results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.K,5} {p.Inertia,12:F2} {p.Silhouette,11:F3}{(p.K == result.SuggestedK ? "  <- suggested" : string.Empty)}"));
        }

        Console.WriteLine(result.Note is not null
            ? string.Create(CultureInfo.InvariantCulture, $"suggested K = {result.SuggestedK} (the number of distinct colours)")
            : string.Create(CultureInfo.InvariantCulture, $"suggested K = {result.SuggestedK} (first K after which one more cluster removes under 20% of the inertia; {result.SampledPixels:N0} sampled pixels)"));
        timing.PrintIf(settings.Verbose);
        return ExitCodes.Success;
    }
}
