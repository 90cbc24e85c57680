using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Segmentation;

/// <summary><c>-k auto</c>: K chosen for one image by the elbow of its inertia curve over K = 2..16.</summary>
internal static class AutoClusters
{
    /// <summary>
    /// <paramref name="fit"/> with K set to the elbow's suggestion for <paramref name="image"/>, and the notice that
    /// tells the user which K was chosen and why.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="fit">The options of the fit that follows; only its K changes.</param>
    /// <param name="elbow">The options of the elbow's own fits (cheaper than the final fit's).</param>
    /// <param name="name">How to name the image in the notice.</param>
    /// <param name="cancellationToken">Stops the elbow between fits.</param>
    public static (PaletteTrainingOptions Options, string Notice) Choose(
        Image<Rgba32> image, PaletteTrainingOptions fit, PaletteTrainingOptions elbow, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ElbowResult result = ElbowAnalysis.Run(image, ElbowAnalysis.Defaults.MinK, ElbowAnalysis.Defaults.MaxK, elbow, name, cancellationToken: cancellationToken);
        string notice = result.Note is { } note
            ? $"-k auto chose K = {result.SuggestedK} for {name}: {note}"
            : $"-k auto chose K = {result.SuggestedK} for {name} (elbow of the inertia curve over K = {ElbowAnalysis.Defaults.MinK}..{result.Results[^1].K})";
        return (fit with { Clusters = Math.Max(result.SuggestedK, PaletteTrainingOptions.MinClusters) }, notice);
    }
}
