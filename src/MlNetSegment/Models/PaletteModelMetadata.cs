using System.Text.Json.Serialization;

namespace MlNetSegment.Models;

/// <summary>
/// MlNetSegment's part of a model file (<see cref="PaletteModelFile.MetadataEntry"/>), and the document
/// <c>inspect --json</c> prints. Field names are a public contract.
/// </summary>
internal sealed record PaletteModelMetadata
{
    /// <summary>Version of this layout; readers refuse versions newer than they know.</summary>
    [JsonPropertyName("formatVersion")]
    public int FormatVersion { get; init; }

    /// <summary>Always "MlNetSegment".</summary>
    [JsonPropertyName("tool")]
    public string Tool { get; init; } = "MlNetSegment";

    /// <summary>Version of the tool that wrote the file.</summary>
    [JsonPropertyName("toolVersion")]
    public string ToolVersion { get; init; } = string.Empty;

    /// <summary>
    /// When the model was trained, UTC, ISO 8601: written only when <c>SOURCE_DATE_EPOCH</c> gave the time, so that
    /// model files are reproducible; models written before this rule carry the training time.
    /// </summary>
    [JsonPropertyName("createdUtc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>Colour space name: hsv, hsv-linear, rgb or lab.</summary>
    [JsonPropertyName("colorSpace")]
    public string ColorSpace { get; init; } = string.Empty;

    /// <summary>How a colour becomes features in that space, in words.</summary>
    [JsonPropertyName("featureScaling")]
    public string FeatureScaling { get; init; } = string.Empty;

    /// <summary>K.</summary>
    [JsonPropertyName("clusterCount")]
    public int ClusterCount { get; init; }

    /// <summary>The user's seed.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>Seed of the K-means restart that was kept.</summary>
    [JsonPropertyName("runSeed")]
    public int RunSeed { get; init; }

    /// <summary>K-means iteration cap used.</summary>
    [JsonPropertyName("maxIterations")]
    public int MaxIterations { get; init; }

    /// <summary>K-means objective on the training sample.</summary>
    [JsonPropertyName("sampleInertia")]
    public double SampleInertia { get; init; }

    /// <summary>What the model was fitted on.</summary>
    [JsonPropertyName("trainedOn")]
    public TrainedOn TrainedOn { get; init; } = new();

    /// <summary>One entry per cluster, by index.</summary>
    [JsonPropertyName("palette")]
    public IReadOnlyList<PaletteEntry> Palette { get; init; } = [];
}

/// <summary>What a model was fitted on.</summary>
internal sealed record TrainedOn
{
    /// <summary>Images the sample was drawn from.</summary>
    [JsonPropertyName("imageCount")]
    public int ImageCount { get; init; }

    /// <summary>Pixels in the sample.</summary>
    [JsonPropertyName("sampledPixels")]
    public int SampledPixels { get; init; }
}

/// <summary>One palette colour.</summary>
internal sealed record PaletteEntry
{
    /// <summary>Cluster index, 0-based.</summary>
    [JsonPropertyName("index")]
    public int Index { get; init; }

    /// <summary>sRGB colour, "#rrggbb".</summary>
    [JsonPropertyName("hex")]
    public string Hex { get; init; } = string.Empty;

    /// <summary>Share of the training sample in this cluster.</summary>
    [JsonPropertyName("share")]
    public double Share { get; init; }

    /// <summary>The centroid in feature space.</summary>
    [JsonPropertyName("centroid")]
    public IReadOnlyList<float> Centroid { get; init; } = [];
}
