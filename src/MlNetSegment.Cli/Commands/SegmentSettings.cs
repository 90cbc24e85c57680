using System.ComponentModel;
using MlNetSegment.IO;
using MlNetSegment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>segment</c>.</summary>
internal sealed class SegmentSettings : FitSettings
{
    [CommandArgument(0, "<INPUT>")]
    [Description("Image to segment (PNG, JPEG, BMP or GIF; the format is read from the content).")]
    public string Input { get; init; } = string.Empty;

    [CommandOption("-k|--clusters <K>")]
    [Description("Number of colour clusters, 2 to 256, or 'auto' (the knee of the elbow analysis over 2..16).")]
    [DefaultValue("10")]
    public string ClustersText { get; init; } = "10";

    /// <summary>K, or null for 'auto'.</summary>
    public int? Clusters => ClustersText.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : int.Parse(ClustersText, System.Globalization.CultureInfo.InvariantCulture);




    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled uniformly at random to fit on.")]
    [DefaultValue(PaletteTrainingOptions.Defaults.SamplePixels)]
    public override int SamplePixels { get; init; } = PaletteTrainingOptions.Defaults.SamplePixels;


    [CommandOption("--boundary-color <COLOR>")]
    [Description(BoundarySettings.ColorHelp)]
    public string? BoundaryColor { get; init; }

    [CommandOption("--boundary-width <N>")]
    [Description(BoundarySettings.WidthHelp)]
    [DefaultValue(Rendering.BoundaryOptions.Defaults.Width)]
    public int BoundaryWidth { get; init; } = Rendering.BoundaryOptions.Defaults.Width;

    [CommandOption("-o|--output <PATH>")]
    [Description("Segmented image (.png, .jpg, .bmp). Default: <input stem>.segmented.png in the current folder.")]
    public string? Output { get; init; }

    [CommandOption("--labels <PATH>")]
    [Description("Also write the label map: a single-channel PNG whose value is the cluster index.")]
    public string? Labels { get; init; }

    [CommandOption("--save-model <PATH>")]
    [Description("Also save the palette fitted on this image as a model file (.zip) for apply.")]
    public string? SaveModel { get; init; }

    [CommandOption("--masks <DIR>")]
    [Description("Write one RGBA cut-out per cluster, DIR/cluster-<index>.png: the original pixels of that cluster, transparent elsewhere.")]
    public string? Masks { get; init; }

    [CommandOption("--boundaries <PATH>")]
    [Description("Write the original image with the borders between clusters drawn.")]
    public string? Boundaries { get; init; }

    [CommandOption("--report <PATH>")]
    [Description("Write a JSON report: size, K, colour space, seed, inertia, and pixels and share per palette colour.")]
    public string? Report { get; init; }

    [CommandOption("--palette <PATH>")]
    [Description("Write the palette as a PNG strip, each colour as wide as its share, with hex codes.")]
    public string? Palette { get; init; }

    [CommandOption("--sheet <PATH>")]
    [Description("Write a contact sheet: original, segmented, boundaries and palette side by side.")]
    public string? Sheet { get; init; }




    public override ValidationResult Validate()
    {
        if (!ClustersText.Equals("auto", StringComparison.OrdinalIgnoreCase)
            && !int.TryParse(ClustersText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return ValidationResult.Error($"-k must be a number from {PaletteTrainingOptions.MinClusters} to {PaletteTrainingOptions.MaxClusters} or 'auto', got '{ClustersText}'");
        }

        ValidationResult training = ValidateFit(Clusters ?? PaletteTrainingOptions.Defaults.Clusters);
        if (!training.Successful)
        {
            return training;
        }

        if (SaveModel is not null && !SaveModel.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{SaveModel}: a model file must end in .zip");
        }

        foreach (string? path in new[] { Output, Boundaries })
        {
            if (path is not null && !ImageWriter.IsSupported(path))
            {
                return ValidationResult.Error($"{path}: unsupported output format (use {string.Join(", ", ImageWriter.SupportedExtensions)})");
            }
        }

        foreach (string? path in new[] { Labels, Palette, Sheet })
        {
            if (path is not null && !path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"{path}: must be a .png");
            }
        }

        if (Report is not null && !Report.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{Report}: the report must be a .json file");
        }

        ValidationResult boundary = BoundarySettings.Validate(BoundaryColor, BoundaryWidth);
        if (!boundary.Successful)
        {
            return boundary;
        }

        return ValidationResult.Success();
    }

    /// <summary>The K-means options these settings describe (K = 10 stands in for 'auto').</summary>
    public PaletteTrainingOptions ToTrainingOptions() => ToTrainingOptions(Clusters ?? PaletteTrainingOptions.Defaults.Clusters);

    /// <summary>The files to write.</summary>
    public OutputPlan ToOutputPlan() => new()
    {
        SegmentedPath = OutputPath,
        LabelsPath = Labels,
        MasksFolder = Masks,
        BoundariesPath = Boundaries,
        ReportPath = Report,
        PalettePath = Palette,
        SheetPath = Sheet,
        Boundaries = BoundarySettings.ToOptions(BoundaryColor, BoundaryWidth),
    };

    /// <summary>The output path: the one given, or the input's stem + ".segmented.png" in the current folder.</summary>
    public string OutputPath => Output ?? Path.GetFileNameWithoutExtension(Input) + ".segmented.png";
}
