namespace MlNetSegment.Segmentation;

/// <summary>One K of an elbow analysis.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Inertia">K-means objective on the sample: sum of squared distances to the nearest centroid.</param>
/// <param name="Silhouette">Mean silhouette coefficient on a subsample, from −1 to 1; higher is better separated.</param>
internal sealed record ElbowPoint(int K, double Inertia, double Silhouette);

/// <summary>The outcome of an elbow analysis.</summary>
/// <param name="Results">One point per K, ascending.</param>
/// <param name="SuggestedK">The knee of the inertia curve.</param>
/// <param name="SampledPixels">Pixels the fits were made on.</param>
internal sealed record ElbowResult(IReadOnlyList<ElbowPoint> Results, int SuggestedK, int SampledPixels)
{
    /// <summary>
    /// Set when there was no curve to read: an image of no more distinct colours than the smallest K is split exactly
    /// by K = its colour count, which is then the suggestion (with one point, of zero inertia).
    /// </summary>
    public string? Note { get; init; }
}
