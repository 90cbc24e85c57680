using System.Diagnostics;
using MlNetSegment.Evaluation;
using MlNetSegment.Regions;
using MlNetSegment.Segmentation;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>Scores of one setting on one image.</summary>
internal sealed record ImageScore(string Id, SegmentationScore Score, int Regions, double Seconds);

/// <summary>Runs a setting over every image.</summary>
internal static class Runner
{
    public static SettingResult Run(Setting setting, IReadOnlyList<BsdsImage> images)
    {
        // One untimed run compiles the code paths, so the first image's time is not the JIT's.
        Segment(setting, images[0]);
        var scores = new List<ImageScore>();
        foreach (BsdsImage image in images)
        {
            var stopwatch = Stopwatch.StartNew();
            var (labels, regions) = Segment(setting, image);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            scores.Add(new ImageScore(image.Id, SegmentationMetrics.Compare(labels, image.Truth), regions, seconds));
        }

        return new SettingResult(setting, scores);
    }

    private static (int[] Labels, int Regions) Segment(Setting setting, BsdsImage image)
    {
        if (setting.Regions is null)
        {
            LabelMap map = ImageSegmenter.Segment(image.Image, setting.KMeans).Labels;
            int[] labels = [.. map.Labels.Select(l => (int)l)];
            return (labels, map.ClusterCount);
        }

        RegionSegmentationResult result = RegionSegmenter.Segment(image.Image, setting.KMeans, setting.Regions);
        return (result.Regions.Ids, result.Regions.RegionCount);
    }
}
