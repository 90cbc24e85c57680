namespace MlNetSegment;

/// <summary>What a palette model was trained on and how; saved with the model.</summary>
public sealed record PaletteModelInfo
{
    /// <summary>Share of the training sample in each cluster; sums to 1.</summary>
    public required double[] TrainingShares { get; init; }

    /// <summary>Pixels the model was fitted on.</summary>
    public required int SampledPixels { get; init; }

    /// <summary>Images the sample was drawn from.</summary>
    public required int ImageCount { get; init; }

    /// <summary>The user's seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Seed of the K-means restart that was kept.</summary>
    public required int RunSeed { get; init; }

    /// <summary>K-means objective on the training sample (sum of squared distances to the nearest centroid).</summary>
    public required double SampleInertia { get; init; }

    /// <summary>K-means iteration cap used.</summary>
    public required int MaxIterations { get; init; }

    /// <summary>Version of the tool that trained the model.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>
    /// When the model was trained (UTC), only when the build asked for a time through <c>SOURCE_DATE_EPOCH</c> (the
    /// reproducible-builds convention); null otherwise, so that training twice on the same inputs gives the same
    /// bytes. Not part of any segmentation output.
    /// </summary>
    public DateTimeOffset? CreatedUtc { get; init; }
}
