using System.ComponentModel;
using System.Globalization;
using MlNetSegment.Segmentation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>elbow</c>.</summary>
internal sealed class ElbowSettings : FitSettings
{
    [CommandArgument(0, "<INPUT>")]
    [Description("Image to analyse.")]
    public string Input { get; init; } = string.Empty;

    [CommandOption("-k|--k-range <RANGE>")]
    [Description("Range of K to try, MIN..MAX (default 2..16). Also accepted as --k.")]
    [DefaultValue("2..16")]
    public string Range { get; init; } = "2..16";

    [CommandOption("--plot <PATH>")]
    [Description("Draw inertia and silhouette against K, suggested K marked, as a PNG chart.")]
    public string? Plot { get; init; }

    // Help text is Spectre markup: "[[" and "]]" print as single brackets (a single "[" opened a style and made
    // `elbow --help` fail).
    [CommandOption("--json")]
    [Description("Print {\"results\": [[{\"k\", \"inertia\", \"silhouette\"}]], \"suggestedK\", \"sampledPixels\"}.")]
    public bool Json { get; init; }

    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled to fit every K on.")]
    [DefaultValue(ElbowAnalysis.Defaults.SamplePixels)]
    public override int? SamplePixelsOption { get; init; } = ElbowAnalysis.Defaults.SamplePixels;

    [CommandOption("--restarts <N>")]
    [Description("K-means runs per K from different seeds, in parallel; the lowest error on the sample wins.")]
    [DefaultValue(ElbowAnalysis.Defaults.Restarts)]
    public override int? RestartsOption { get; init; } = ElbowAnalysis.Defaults.Restarts;

    [CommandOption("--max-iterations <N>")]
    [Description("K-means iteration cap per run.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.MaxIterations)]
    public override int? MaxIterationsOption { get; init; } = PaletteTrainingOptions.Defaults.MaxIterations;

    public (int Min, int Max) ParsedRange
    {
        get
        {
            string[] parts = Range.Split("..");
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
    }

    public override ValidationResult Validate()
    {
        string[] parts = Range.Split("..");
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            || min < PaletteTrainingOptions.MinClusters || max > PaletteTrainingOptions.MaxClusters || max <= min)
        {
            return ValidationResult.Error($"--k must be MIN..MAX with {PaletteTrainingOptions.MinClusters} <= MIN < MAX <= {PaletteTrainingOptions.MaxClusters}, got '{Range}'");
        }

        if (Plot is not null && !Plot.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Plot}: the plot must be a .png");
        }

        return ValidateFit(min);
    }

    public PaletteTrainingOptions ToTrainingOptions() => ToTrainingOptions(PaletteTrainingOptions.Defaults.Clusters);
}
