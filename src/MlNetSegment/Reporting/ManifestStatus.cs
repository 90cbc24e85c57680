namespace MlNetSegment.Reporting;

/// <summary>The status of one input in a manifest.</summary>
internal enum ManifestStatus
{
    /// <summary>Outputs written (<c>"ok"</c>).</summary>
    Ok,

    /// <summary>Outputs existed already and were kept (<c>"skipped"</c>).</summary>
    Skipped,

    /// <summary>The input could not be processed (<c>"failed"</c>).</summary>
    Failed,
}
