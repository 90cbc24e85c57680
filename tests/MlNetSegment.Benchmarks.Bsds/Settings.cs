using MlNetSegment.Color;
using MlNetSegment.Regions;
using MlNetSegment.Training;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>The settings tried: the default first, then plain K-means, then variations around the default.</summary>
internal static class Settings
{
    public static IEnumerable<Setting> For(string grid)
    {
        var kmeans = new PaletteTrainingOptions { Clusters = RegionSegmentationDefaults.Clusters };
        var regions = new RegionOptions();
        yield return new Setting("default", kmeans, regions);
        if (grid == "moonshot")
        {
            foreach (Setting s in Moonshot(kmeans, regions))
            {
                yield return s;
            }

            yield break;
        }

        yield return new Setting("plain K-means hsv K=10 (cluster labels)", new PaletteTrainingOptions { Clusters = 10 }, null);
        if (grid == "none")
        {
            yield break;
        }

        yield return new Setting("plain K-means hsv K=10, regions only", new PaletteTrainingOptions { Clusters = 10 },
            new RegionOptions { SpatialWeight = 0, MedianSize = 0, MinRegionFraction = 0, ColorMergeThreshold = 0 });
        yield return new Setting("no median, thr 0.08 (A)", kmeans, regions with { MedianSize = 0, ColorMergeThreshold = 0.08f });
        yield return new Setting("K=8, thr 0.12", kmeans with { Clusters = 8 }, regions with { ColorMergeThreshold = 0.12f });
        yield return new Setting("no spatial", kmeans, regions with { SpatialWeight = 0 });
        yield return new Setting("no colour merge", kmeans, regions with { ColorMergeThreshold = 0 });
        yield return new Setting("small merge by closest colour", kmeans, regions with { SmallRegionRule = SmallRegionMergeRule.ClosestColor });
        yield return new Setting("no small-region merge", kmeans, regions with { MinRegionFraction = 0 });
        yield return new Setting("lab", kmeans with { ColorSpace = ColorSpace.Lab }, regions);
        foreach (int k in new[] { 5, 7, 8 })
        {
            yield return new Setting($"K={k}", kmeans with { Clusters = k }, regions);
        }

        foreach (float w in new[] { 0.25f, 0.5f })
        {
            yield return new Setting($"spatial {w}", kmeans, regions with { SpatialWeight = w });
        }

        foreach (int m in new[] { 5, 7 })
        {
            yield return new Setting($"median {m}", kmeans, regions with { MedianSize = m });
        }

        foreach (float t in new[] { 0.08f, 0.12f })
        {
            yield return new Setting($"colour thr {t}", kmeans, regions with { ColorMergeThreshold = t });
        }

        foreach (double f in new[] { 0.005, 0.02 })
        {
            yield return new Setting($"min region {f:P1}", kmeans, regions with { MinRegionFraction = f });
        }

        if (grid != "full")
        {
            yield break;
        }

        foreach (int k in new[] { 5, 6, 7 })
        {
            foreach (float w in new[] { 0.25f, 0.35f, 0.5f })
            {
                foreach (float t in new[] { 0.08f, 0.10f, 0.12f })
                {
                    foreach (int m in new[] { 0, 3, 5 })
                    {
                        yield return new Setting(
                            $"K={k} w={w} thr={t} med={m}",
                            kmeans with { Clusters = k },
                            regions with { SpatialWeight = w, ColorMergeThreshold = t, MedianSize = m });
                    }
                }
            }
        }
    }

    /// <summary>Region merges that weigh border strength and region size as well as colour (the "moonshot" search).</summary>
    private static IEnumerable<Setting> Moonshot(PaletteTrainingOptions kmeans, RegionOptions regions)
    {
        foreach (float l in new[] { 0.5f, 1f, 2f })
        {
            foreach (float t in new[] { 0.15f, 0.2f, 0.3f })
            {
                yield return new Setting($"border λ={l} thr {t}", kmeans, regions with { BorderWeight = l, ColorMergeThreshold = t });
            }
        }
    }
}
