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
    [Description("Number of colour clusters, 2 to 256, or 'auto' (the elbow of the inertia curve over 2..16).")]
    [DefaultValue(ClustersDefault)]
    public string? ClustersOption { get; init; }

    private const string ClustersDefault = "10; 7" + ModeDefaultConverter.Suffix;

    /// <summary>What -k says, with the default filled in.</summary>
    public string ClustersText => (ClustersOption is null or ClustersDefault ? null : ClustersOption) ?? (RegionMode ? Regions.RegionSegmentationDefaults.Clusters : PaletteTrainingOptions.Defaults.Clusters).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>K, or null for 'auto'.</summary>
    public int? Clusters => ClustersText.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : int.Parse(ClustersText, System.Globalization.CultureInfo.InvariantCulture);

    [CommandOption("--dither")]
    [Description("Floyd–Steinberg dither the segmented image: every pixel still a palette colour, gradients kept. Labels, masks and report still give each pixel's own cluster. Not with the regions pipeline.")]
    public bool Dither { get; init; }

    [CommandOption("--regions <PATH>")]
    [Description("Segment into coherent regions and write the 16-bit region map (value = region id, 1..R; 0 = transparent). Turns on the regions pipeline: median pre-filter, position features, small-region and colour merges, tuned on BSDS500.")]
    public string? RegionsPath { get; init; }

    [CommandOption("--min-region <N>")]
    [Description("Regions pipeline: merge regions smaller than N pixels into the neighbour sharing the longest border (default: 1% of the image).")]
    public int? MinRegion { get; init; }

    [CommandOption("--spatial-weight <W>")]
    [Description("Regions pipeline: weight of the x, y features appended to the colour features (default 0.35; 0 = colour only).")]
    public float? SpatialWeight { get; init; }

    [CommandOption("--median <N>")]
    [Description("Regions pipeline: median pre-filter size, 0 (off), 3, 5 or 7 (default 3).")]
    public int? Median { get; init; }

    [CommandOption("--merge-threshold <T>")]
    [Description("Regions pipeline: merge adjacent regions, lowest weight first, while the weight (colour distance + border strength, scaled by region sizes) is below T, 0 to 2 (default 0.10; 0 = off).")]
    public float? MergeThreshold { get; init; }

    [CommandOption("--border-weight <L>")]
    [Description("Regions pipeline: how much a strong border between two regions keeps them apart in the merge weight, 0 to 10 (default 4; 0 = colour only).")]
    public float? BorderWeight { get; init; }

    /// <summary>True when any regions option is given.</summary>
    public bool RegionMode => RegionsPath is not null || MinRegion is not null || SpatialWeight is not null || Median is not null || MergeThreshold is not null || BorderWeight is not null;

    /// <summary>The regions options these settings describe.</summary>
    public Regions.RegionOptions ToRegionOptions() => new()
    {
        SpatialWeight = SpatialWeight ?? Regions.RegionOptions.Defaults.SpatialWeight,
        MedianSize = Median ?? Regions.RegionOptions.Defaults.MedianSize,
        MinRegionPixels = MinRegion,
        ColorMergeThreshold = MergeThreshold ?? Regions.RegionOptions.Defaults.ColorMergeThreshold,
        BorderWeight = BorderWeight ?? Regions.RegionOptions.Defaults.BorderWeight,
    };




    [CommandOption("--sample-pixels <N>")]
    [Description("Pixels sampled uniformly at random to fit on.")]
    [DefaultValue("16000; 50000" + ModeDefaultConverter.Suffix)]
    [TypeConverter(typeof(ModeDefaultConverter))]
    public override int? SamplePixelsOption { get; init; }

    [CommandOption("--restarts <N>")]
    [Description("K-means runs from different seeds, in parallel; the lowest error on the sample wins (2 in -k auto's elbow step unless given).")]
    [DefaultValue("6; 2" + ModeDefaultConverter.Suffix)]
    [TypeConverter(typeof(ModeDefaultConverter))]
    public override int? RestartsOption { get; init; }

    [CommandOption("--max-iterations <N>")]
    [Description("K-means iteration cap per run.")]
    [DefaultValue("50; 100" + ModeDefaultConverter.Suffix)]
    [TypeConverter(typeof(ModeDefaultConverter))]
    public override int? MaxIterationsOption { get; init; }

    /// <inheritdoc/>
    protected override PaletteTrainingOptions FitDefaults => RegionMode ? Regions.RegionSegmentationDefaults.KMeans : new PaletteTrainingOptions();


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

        if (RegionMode)
        {
            if (SaveModel is not null)
            {
                return ValidationResult.Error("--save-model cannot be combined with the regions options: a regions fit uses pixel positions, so it is no palette for other images");
            }

            if (Dither)
            {
                return ValidationResult.Error("--dither cannot be combined with the regions options: regions are areas, not a palette to diffuse error over");
            }

            if (RegionsPath is not null && !RegionsPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"{RegionsPath}: the region map must be a .png (16-bit)");
            }

            if (Median is not null and not (0 or 3 or 5 or 7))
            {
                return ValidationResult.Error("--median must be 0, 3, 5 or 7");
            }

            if (MinRegion is < 1)
            {
                return ValidationResult.Error("--min-region must be at least 1 pixel");
            }

            if (SpatialWeight is < 0 or > 10 || float.IsNaN(SpatialWeight ?? 0))
            {
                return ValidationResult.Error("--spatial-weight must be from 0 to 10");
            }

            if (MergeThreshold is < 0 or > 2 || float.IsNaN(MergeThreshold ?? 0))
            {
                return ValidationResult.Error("--merge-threshold must be from 0 to 2");
            }

            if (BorderWeight is < 0 or > 10 || float.IsNaN(BorderWeight ?? 0))
            {
                return ValidationResult.Error("--border-weight must be from 0 to 10");
            }
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

    /// <summary>
    /// The K-means options of <c>-k auto</c>'s elbow step: the elbow's own sample size and restarts (it fits 15 values of
    /// K), with this run's colour space, seed and tolerance, and any restarts or iteration cap given.
    /// </summary>
    public PaletteTrainingOptions ToElbowOptions()
    {
        PaletteTrainingOptions elbow = ElbowAnalysis.Defaults.Options;
        PaletteTrainingOptions run = ToTrainingOptions();
        return elbow with
        {
            ColorSpace = run.ColorSpace,
            Seed = run.Seed,
            Tolerance = run.Tolerance,
            Restarts = RestartsOption ?? elbow.Restarts,
            MaxIterations = MaxIterationsOption ?? elbow.MaxIterations,
        };
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
        Dither = Dither,
    };

    /// <summary>The output path: the one given, or the input's stem + ".segmented.png" in the current folder.</summary>
    public string OutputPath => Output ?? Path.GetFileNameWithoutExtension(Input) + ".segmented.png";
}
