using System.Globalization;
using MlNetSegment.Regions;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>Prints the Markdown tables.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<SettingResult> results, IReadOnlyList<BsdsImage> images)
    {
        Console.WriteLine();
        Console.WriteLine($"## All {images.Count} images (VoI in nats; score = min(PRI/0.806, 1.557/VoI, Cov/0.481))");
        Console.WriteLine();
        Console.WriteLine("| setting | PRI | VoI | Covering | regions/img | s/img | score | bar |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (SettingResult r in results)
        {
            Row(r.Setting.Name, r.All);
        }

        Console.WriteLine();
        Console.WriteLine("## Halves (by id): the default, and the best setting chosen on one half reported on the other");
        Console.WriteLine();
        Console.WriteLine("| setting | half | PRI | VoI | Covering | regions/img | s/img | score | bar |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        SettingResult def = results[0];
        Row(def.Setting.Name, def.FirstHalf, "first");
        Row(def.Setting.Name, def.LastHalf, "last");
        var regionResults = results.Where(r => r.Setting.Regions is not null).ToList();
        SettingResult bestFirst = regionResults.MaxBy(r => r.FirstHalf.MoonshotScore)!;
        SettingResult bestLast = regionResults.MaxBy(r => r.LastHalf.MoonshotScore)!;
        Row($"chosen on first: {bestFirst.Setting.Name}", bestFirst.FirstHalf, "first (chosen on)");
        Row($"chosen on first: {bestFirst.Setting.Name}", bestFirst.LastHalf, "last (held out)");
        Row($"chosen on last: {bestLast.Setting.Name}", bestLast.LastHalf, "last (chosen on)");
        Row($"chosen on last: {bestLast.Setting.Name}", bestLast.FirstHalf, "first (held out)");
        Console.WriteLine();
        Console.WriteLine($"Default: K={def.Setting.KMeans.Clusters}, {def.Setting.KMeans.ColorSpace}, {Describe(def.Setting.Regions!)}");
    }

    public static void AppendCsv(string path, SettingResult r)
    {
        bool header = !File.Exists(path);
        using var writer = new StreamWriter(path, append: true);
        if (header)
        {
            writer.WriteLine("name,k,space,spatial,median,minfrac,rule,thr,pri,voi,cov,regions,s,score,pri1,voi1,cov1,pri2,voi2,cov2");
        }

        RegionOptions? o = r.Setting.Regions;
        Summary a = r.All;
        Summary f = r.FirstHalf;
        Summary l = r.LastHalf;
        writer.WriteLine(string.Join(',', [
            $"\"{r.Setting.Name}\"", r.Setting.KMeans.Clusters.ToString(CultureInfo.InvariantCulture), r.Setting.KMeans.ColorSpace.ToString(),
            F(o?.SpatialWeight ?? 0), F(o?.MedianSize ?? 0), F(o?.MinRegionFraction ?? 0), o?.SmallRegionRule.ToString() ?? "-", F(o?.ColorMergeThreshold ?? 0),
            F(a.Score.RandIndex), F(a.Score.VoiNats), F(a.Score.Covering), F(a.Regions), F(a.Seconds), F(a.MoonshotScore),
            F(f.Score.RandIndex), F(f.Score.VoiNats), F(f.Score.Covering), F(l.Score.RandIndex), F(l.Score.VoiNats), F(l.Score.Covering)]));
    }

    private static void Row(string name, Summary s, string? half = null) =>
        Console.WriteLine(
            $"| {name} |{(half is null ? string.Empty : $" {half} |")} {s.Score.RandIndex:F4} | {s.Score.VoiNats:F4} | {s.Score.Covering:F4} | " +
            $"{s.Regions:F1} | {s.Seconds:F3} | {s.MoonshotScore:F4} | {(s.MeetsBar ? "yes" : "no")} |");

    private static string Describe(RegionOptions o) =>
        $"spatial weight {o.SpatialWeight}, median {o.MedianSize}, min region {o.MinRegionPixels?.ToString(CultureInfo.InvariantCulture) ?? o.MinRegionFraction.ToString("P1", CultureInfo.InvariantCulture)}, " +
        $"small regions by {o.SmallRegionRule}, colour merge below {o.ColorMergeThreshold} (border weight {o.BorderWeight}, size-aware {o.SizeAwareMerge})";

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
