namespace MlNetSegment.Regions;

/// <summary>
/// When <see cref="RegionMerger.MergeAdjacent"/> merges two neighbouring regions: the weight of a pair is the distance
/// between their mean colour features plus <see cref="BorderWeight"/> times the mean colour step across their shared
/// border, optionally scaled by region size (Ward-like), and pairs merge lowest weight first.
/// </summary>
/// <param name="Threshold">Pairs merge while their weight is below this; 0 merges only to honour <see cref="MaxRegions"/>.</param>
/// <param name="BorderWeight">Weight of the mean border step; 0 is the plain colour distance.</param>
/// <param name="SizeAware">Scale the weight by √(nᵢnⱼ / (nᵢ + nⱼ) / N), so small regions merge before large ones.</param>
/// <param name="MinRegions">Stop merging below the threshold once this many regions are left; 0 for no floor.</param>
/// <param name="MaxRegions">Keep merging, whatever the weight, while more than this many regions are left; 0 for no cap.</param>
internal sealed record AdjacentMergeCriteria(
    double Threshold,
    double BorderWeight = 0,
    bool SizeAware = false,
    int MinRegions = 0,
    int MaxRegions = 0)
{
    /// <summary>The merge weight of neighbouring regions <paramref name="a"/> and <paramref name="b"/>.</summary>
    public double Weight(RegionGraph graph, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(graph);
        double weight = graph.ColorDistance(a, b);
        if (BorderWeight > 0)
        {
            weight += BorderWeight * graph.BorderStep(a, b);
        }

        if (SizeAware)
        {
            double na = graph.SizeOf(a);
            double nb = graph.SizeOf(b);
            weight *= Math.Sqrt(na * nb / (na + nb) / graph.TotalPixels);
        }

        return weight;
    }
}
