using System.ComponentModel;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary>Arguments of <c>segment</c>.</summary>
internal sealed class SegmentSettings : FitSettings
{
    [CommandArgument(0, "[INPUTS]")]
    [Description("Image to segment (PNG, JPEG, BMP or GIF; the format is read from the content). Several images, directories or glob patterns make a batch (as does --recursive): -o is then a folder.")]
    public string[] Inputs { get; init; } = [];

    /// <summary>The image of a single segmentation.</summary>
    public string Input => Inputs.Length > 0 ? Inputs[0] : string.Empty;

    [CommandOption("--inputs-from <FILE>")]
    [Description(InputArguments.InputsFromHelp + " Makes a batch.")]
    public string? InputsFrom { get; init; }

    [CommandOption("--shard <I/N|auto>")]
    [Description(ShardOption.Help + " Makes a batch.")]
    public string? ShardText { get; init; }

    [CommandOption("--manifest <PATH>")]
    [Description(ManifestOption.Help + " Makes a batch.")]
    public string? Manifest { get; init; }

    [CommandOption("--recursive")]
    [Description("Walk directories to all depths (default: their top level only). Makes a batch.")]
    public bool Recursive { get; init; }

    [CommandOption("--jobs <N>")]
    [Description("Batch: images processed in parallel (default: number of cores).")]
    public int? Jobs { get; init; }

    /// <summary>
    /// True for a batch: several inputs, or any of --inputs-from, --shard, --manifest and --recursive. Each image is then
    /// fitted on its own and written as apply writes it, under the folder -o names. One input alone stays the one-image
    /// segment it always was, even when it names a directory or looks like a pattern (then it is refused as a file).
    /// </summary>
    public bool IsBatch => Inputs.Length > 1 || InputsFrom is not null || ShardText is not null || Manifest is not null || Recursive;

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
    [Description("Pixels sampled to fit on: each pixel equally likely, stratified by colour (not with --regions).")]
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

    [CommandOption("--labels [PATH]")]
    [Description("Also write the label map: a single-channel PNG whose value is the cluster index. In a batch, a flag without PATH: OUTDIR/<stem>.labels.png.")]
    public FlagValue<string>? LabelsOption { get; init; }

    /// <summary>The PATH of --labels (null when not given, or given as a batch flag).</summary>
    public string? Labels => LabelsOption is { IsSet: true } flag ? flag.Value : null;

    [CommandOption("--save-model <PATH>")]
    [Description("Also save the palette fitted on this image as a model file (.zip) for apply.")]
    public string? SaveModel { get; init; }

    [CommandOption("--masks [DIR]")]
    [Description("Write one RGBA cut-out per cluster, DIR/cluster-<index>.png: the original pixels of that cluster, transparent elsewhere. In a batch, a flag without DIR: OUTDIR/<stem>.masks/.")]
    public FlagValue<string>? MasksOption { get; init; }

    /// <summary>The DIR of --masks (null when not given, or given as a batch flag).</summary>
    public string? Masks => MasksOption is { IsSet: true } flag ? flag.Value : null;

    [CommandOption("--boundaries [PATH]")]
    [Description("Write the original image with the borders between clusters drawn. In a batch, a flag without PATH: OUTDIR/<stem>.boundaries.png.")]
    public FlagValue<string>? BoundariesOption { get; init; }

    /// <summary>The PATH of --boundaries (null when not given, or given as a batch flag).</summary>
    public string? Boundaries => BoundariesOption is { IsSet: true } flag ? flag.Value : null;

    [CommandOption("--report [PATH]")]
    [Description("Write a JSON report: size, K, colour space, seed, inertia, and pixels and share per palette colour. In a batch, a flag without PATH: OUTDIR/<stem>.report.json.")]
    public FlagValue<string>? ReportOption { get; init; }

    /// <summary>The PATH of --report (null when not given, or given as a batch flag).</summary>
    public string? Report => ReportOption is { IsSet: true } flag ? flag.Value : null;

    [CommandOption("--palette [PATH]")]
    [Description("Write the palette as a PNG strip, each colour as wide as its share, with hex codes. In a batch, a flag without PATH: OUTDIR/<stem>.palette.png.")]
    public FlagValue<string>? PaletteOption { get; init; }

    /// <summary>The PATH of --palette (null when not given, or given as a batch flag).</summary>
    public string? Palette => PaletteOption is { IsSet: true } flag ? flag.Value : null;

    [CommandOption("--sheet [PATH]")]
    [Description("Write a contact sheet: original, segmented, boundaries and palette side by side. In a batch, a flag without PATH: OUTDIR/<stem>.sheet.png.")]
    public FlagValue<string>? SheetOption { get; init; }

    /// <summary>The PATH of --sheet (null when not given, or given as a batch flag).</summary>
    public string? Sheet => SheetOption is { IsSet: true } flag ? flag.Value : null;

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

        ValidationResult mode = Inputs.Length == 0 && InputsFrom is null
            ? ValidationResult.Error("segment needs an input image (or --inputs-from FILE)")
            : IsBatch ? ValidateBatch() : ValidateSingle();
        if (!mode.Successful)
        {
            return mode;
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

            ValidationResult regions = SettingsChecks.Check(ToRegionOptions().Validate);
            if (!regions.Successful)
            {
                return regions;
            }
        }

        if (SaveModel is not null && !SaveModel.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"{SaveModel}: a model file must end in .zip");
        }

        // Checked for one image too, where it changes nothing, as apply checks it: --jobs 0 was accepted here (probe
        // round 9, finding 8).
        if (Jobs is < 1 or > 256)
        {
            return ValidationResult.Error("--jobs must be from 1 to 256");
        }

        foreach (var (flag, path) in new[] { ("-o", Output), ("--boundaries", Boundaries), ("--labels", Labels), ("--palette", Palette), ("--sheet", Sheet), ("--report", Report), ("--save-model", SaveModel), ("--regions", RegionsPath) })
        {
            if (path is { Length: 0 })
            {
                return ValidationResult.Error($"{flag} was given an empty path");
            }
        }

        foreach (string? path in new[] { IsBatch ? null : Output, Boundaries })
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

    // The output options name files for one image; in a batch they are bare flags, as apply's.
    private IEnumerable<(string Name, FlagValue<string>? Flag)> OutputFlags =>
        [("--labels", LabelsOption), ("--masks", MasksOption), ("--boundaries", BoundariesOption), ("--report", ReportOption), ("--palette", PaletteOption), ("--sheet", SheetOption)];

    private ValidationResult ValidateSingle()
    {
        foreach (var (name, flag) in OutputFlags)
        {
            if (flag is { IsSet: true, Value: null })
            {
                return ValidationResult.Error($"{name} needs a {(name == "--masks" ? "DIR" : "PATH")} when segmenting one image");
            }
        }

        return ValidationResult.Success();
    }

    private ValidationResult ValidateBatch()
    {
        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("segment of several images (or with --inputs-from, --shard or --manifest) needs -o OUTDIR, the output folder");
        }

        if (File.Exists(Output))
        {
            return ValidationResult.Error($"{Output}: segment of several images writes into the folder -o names, and this is a file");
        }

        if (SaveModel is not null || RegionMode)
        {
            return ValidationResult.Error($"{(SaveModel is not null ? "--save-model" : "the regions options")} cannot be used in a batch: it works on one image at a time");
        }

        foreach (var (name, flag) in OutputFlags)
        {
            if (flag is { IsSet: true, Value: { } value })
            {
                return ValidationResult.Error($"{name} takes no {(name == "--masks" ? "DIR" : "PATH")} in a batch ('{value}'): each image's file goes into OUTDIR, as with apply");
            }
        }

        return Jobs is < 1 or > 256 ? ValidationResult.Error("--jobs must be from 1 to 256") : ShardOption.Validate(ShardText);
    }

    /// <summary>The files written per image of a batch.</summary>
    public BatchOutputs ToBatchOutputs() => new()
    {
        Labels = LabelsOption?.IsSet == true,
        Masks = MasksOption?.IsSet == true,
        Boundaries = BoundariesOption?.IsSet == true,
        Report = ReportOption?.IsSet == true,
        Palette = PaletteOption?.IsSet == true,
        Sheet = SheetOption?.IsSet == true,
        BoundaryStyle = BoundarySettings.ToOptions(BoundaryColor, BoundaryWidth),
    };

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
