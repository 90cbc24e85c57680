using MlNetSegment.Regions;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>The settings tried: the default first, then plain K-means, then variations around the default.</summary>
internal static class Settings
{
    public static IEnumerable<Setting> For(string grid)
    {
        PaletteTrainingOptions kmeans = RegionSegmentationDefaults.KMeans;
        var regions = new RegionOptions();
        yield return new Setting("default", kmeans, regions);

        // The default before the border- and size-aware merge; the variations below are around it, as in the README.
        var k6 = kmeans with { Clusters = 6 };
        var previous = regions with { BorderWeight = 0, SizeAwareMerge = false };
        yield return new Setting("previous default (K=6, colour-only merge)", k6, previous);
        if (grid == "moonshot")
        {
            foreach (Setting s in Moonshot(kmeans, regions, k6, previous))
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

        yield return new Setting("default, K=6", k6, regions);
        yield return new Setting("default, K=8", kmeans with { Clusters = 8 }, regions);
        yield return new Setting("default, border weight 3", kmeans, regions with { BorderWeight = 3 });
        yield return new Setting("default, threshold 0.12", kmeans, regions with { ColorMergeThreshold = 0.12f });
        yield return new Setting("default, no border term (K=6, thr 0.02)", k6, regions with { BorderWeight = 0, ColorMergeThreshold = 0.02f });
        yield return new Setting("default, not size-aware (thr 0.25, λ 2)", kmeans,
            regions with { SizeAwareMerge = false, BorderWeight = 2, ColorMergeThreshold = 0.25f });
        yield return new Setting("plain K-means hsv K=10, regions only", new PaletteTrainingOptions { Clusters = 10 },
            new RegionOptions { SpatialWeight = 0, MedianSize = 0, MinRegionFraction = 0, ColorMergeThreshold = 0 });
        yield return new Setting("previous, no median, thr 0.08 (A)", k6, previous with { MedianSize = 0, ColorMergeThreshold = 0.08f });
        yield return new Setting("previous, K=8, thr 0.12", kmeans with { Clusters = 8 }, previous with { ColorMergeThreshold = 0.12f });
        yield return new Setting("previous, no spatial", k6, previous with { SpatialWeight = 0 });
        yield return new Setting("previous, no colour merge", k6, previous with { ColorMergeThreshold = 0 });
        yield return new Setting("previous, small merge by closest colour", k6, previous with { SmallRegionRule = SmallRegionMergeRule.ClosestColor });
        yield return new Setting("previous, no small-region merge", k6, previous with { MinRegionFraction = 0 });
        yield return new Setting("previous, lab", k6 with { ColorSpace = ColorSpace.Lab }, previous);
        foreach (int k in new[] { 5, 7, 8 })
        {
            yield return new Setting($"previous, K={k}", kmeans with { Clusters = k }, previous);
        }

        foreach (float w in new[] { 0.25f, 0.5f })
        {
            yield return new Setting($"previous, spatial {w}", k6, previous with { SpatialWeight = w });
        }

        foreach (int m in new[] { 5, 7 })
        {
            yield return new Setting($"previous, median {m}", k6, previous with { MedianSize = m });
        }

        foreach (float t in new[] { 0.08f, 0.12f })
        {
            yield return new Setting($"previous, colour thr {t}", k6, previous with { ColorMergeThreshold = t });
        }

        foreach (double f in new[] { 0.005, 0.02 })
        {
            yield return new Setting($"previous, min region {f:P1}", k6, previous with { MinRegionFraction = f });
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
                            $"previous, K={k} w={w} thr={t} med={m}",
                            kmeans with { Clusters = k },
                            previous with { SpatialWeight = w, ColorMergeThreshold = t, MedianSize = m });
                    }
                }
            }
        }
    }

    /// <summary>
    /// The search that gave the default: merges that weigh the colour step across the shared border (λ) and region size
    /// (Ward-like) as well as mean colour, region floors and caps, and the chosen setting under other K-means seeds.
    /// </summary>
    private static IEnumerable<Setting> Moonshot(PaletteTrainingOptions kmeans, RegionOptions regions, PaletteTrainingOptions k6, RegionOptions previous)
    {
        foreach (float l in new[] { 0.5f, 1f, 2f })
        {
            foreach (float t in new[] { 0.15f, 0.2f, 0.3f })
            {
                yield return new Setting($"K=6 border λ={l} thr {t}", k6, previous with { BorderWeight = l, ColorMergeThreshold = t });
            }
        }

        foreach (int floor in new[] { 10, 12, 14 })
        {
            yield return new Setting($"K=6 border λ=2 thr 0.3 floor {floor}", k6, previous with { BorderWeight = 2, ColorMergeThreshold = 0.3f, MinRegions = floor });
        }

        yield return new Setting("K=6 colour only, cap 20", k6, previous with { MaxRegions = 20 });
        yield return new Setting("K=6 border λ=2 thr 0.2 cap 18", k6, previous with { BorderWeight = 2, ColorMergeThreshold = 0.2f, MaxRegions = 18 });
        foreach (int k in new[] { 7, 8, 9 })
        {
            foreach (float l in new[] { 1.5f, 2f, 3f })
            {
                foreach (float t in new[] { 0.2f, 0.25f, 0.3f })
                {
                    yield return new Setting($"K={k} border λ={l} thr {t}", kmeans with { Clusters = k }, previous with { BorderWeight = l, ColorMergeThreshold = t });
                }
            }
        }

        foreach (int k in new[] { 7, 8 })
        {
            yield return new Setting($"K={k} min 0.5% border λ=2 thr 0.25 floor 12", kmeans with { Clusters = k },
                previous with { BorderWeight = 2, ColorMergeThreshold = 0.25f, MinRegionFraction = 0.005, MinRegions = 12 });
        }

        foreach (float t in new[] { 0.02f, 0.04f })
        {
            yield return new Setting($"K=6 size-aware colour only thr {t}", k6, previous with { SizeAwareMerge = true, ColorMergeThreshold = t });
        }

        foreach (int k in new[] { 6, 7, 8 })
        {
            foreach (float l in new[] { 2f, 3f, 4f, 5f, 6f })
            {
                foreach (float t in new[] { 0.08f, 0.10f, 0.12f })
                {
                    yield return new Setting($"K={k} size-aware border λ={l} thr {t}", kmeans with { Clusters = k },
                        regions with { BorderWeight = l, ColorMergeThreshold = t });
                }
            }
        }

        foreach (int seed in new[] { 1, 2, 3 })
        {
            yield return new Setting($"default, seed {seed}", kmeans with { Seed = seed }, regions);
            yield return new Setting($"previous default, seed {seed}", k6 with { Seed = seed }, previous);
        }
    }
}
