using System.Text.Json.Serialization;

namespace MlNetSegment.Reporting;

/// <summary>The <c>--report</c> document: what was segmented, how, and what each cluster covers. Field names are a public contract.</summary>
internal sealed record SegmentationReport
{
    /// <summary>The input as named on the command line.</summary>
    [JsonPropertyName("input")]
    public string Input { get; init; } = string.Empty;

    /// <summary>Width in pixels (after EXIF orientation).</summary>
    [JsonPropertyName("width")]
    public int Width { get; init; }

    /// <summary>Height in pixels (after EXIF orientation).</summary>
    [JsonPropertyName("height")]
    public int Height { get; init; }

    /// <summary>Number of clusters used.</summary>
    [JsonPropertyName("k")]
    public int K { get; init; }

    /// <summary>Colour space name.</summary>
    [JsonPropertyName("colorSpace")]
    public string ColorSpace { get; init; } = string.Empty;

    /// <summary>The seed.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>
    /// K-means iterations run. ML.NET's trainer does not report it, so this is null; <see cref="MaxIterations"/> is
    /// the cap that was set.
    /// </summary>
    [JsonPropertyName("iterations")]
    public int? Iterations { get; init; }

    /// <summary>The iteration cap.</summary>
    [JsonPropertyName("maxIterations")]
    public int MaxIterations { get; init; }

    /// <summary>Sum over labelled pixels of the squared feature-space distance to their centroid.</summary>
    [JsonPropertyName("inertia")]
    public double Inertia { get; init; }

    /// <summary>The same sum over the training sample only, as minimised by K-means (null for regions, whose fit also uses positions).</summary>
    [JsonPropertyName("sampleInertia")]
    public double? SampleInertia { get; init; }

    /// <summary>Connected regions after merging, when segmented with <c>--regions</c>; otherwise null.</summary>
    [JsonPropertyName("regions")]
    public int? Regions { get; init; }

    /// <summary>Fully transparent pixels, not clustered and not counted in any cluster.</summary>
    [JsonPropertyName("transparentPixels")]
    public long TransparentPixels { get; init; }

    /// <summary>One entry per cluster; pixels sum to width × height − transparentPixels.</summary>
    [JsonPropertyName("palette")]
    public IReadOnlyList<ReportPaletteEntry> Palette { get; init; } = [];
}

/// <summary>One cluster in a <see cref="SegmentationReport"/>.</summary>
internal sealed record ReportPaletteEntry
{
    /// <summary>Cluster index (the label map's value).</summary>
    [JsonPropertyName("index")]
    public int Index { get; init; }

    /// <summary>Palette colour, "#rrggbb".</summary>
    [JsonPropertyName("hex")]
    public string Hex { get; init; } = string.Empty;

    /// <summary>Pixels with this label, counted from the label map.</summary>
    [JsonPropertyName("pixels")]
    public long Pixels { get; init; }

    /// <summary>pixels / labelled pixels.</summary>
    [JsonPropertyName("share")]
    public double Share { get; init; }

    /// <summary>The centroid in feature space.</summary>
    [JsonPropertyName("centroid")]
    public IReadOnlyList<float> Centroid { get; init; } = [];
}
