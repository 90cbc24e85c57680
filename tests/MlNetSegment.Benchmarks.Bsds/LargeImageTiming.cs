using System.Diagnostics;
using MlNetSegment.Imaging;
using MlNetSegment.Regions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>Times the median filter and the whole region segmentation on a photo upscaled to 12 MP (4000 × 3000).</summary>
internal static class LargeImageTiming
{
    public static void Run(string path)
    {
        using Image<Rgba32> image = ImageLoader.Load(path);
        image.Mutate(c => c.Resize(4000, 3000));
        if (!image.DangerousTryGetSinglePixelMemory(out Memory<Rgba32> memory))
        {
            throw new InvalidOperationException("not contiguous");
        }

        Rgba32[] pixels = memory.ToArray();
        var output = new Rgba32[pixels.Length];
        foreach (int size in new[] { 3, 5, 7 })
        {
            MedianFilter.Apply(pixels, 4000, 3000, size, output);
            var stopwatch = Stopwatch.StartNew();
            MedianFilter.Apply(pixels, 4000, 3000, size, output);
            Console.WriteLine($"median {size}x{size}, 12 MP: {stopwatch.Elapsed.TotalSeconds:F3} s");
        }

        PaletteTrainingOptions kmeans = RegionSegmentationDefaults.KMeans;
        RegionSegmenter.Segment(image, kmeans, new RegionOptions());
        var total = Stopwatch.StartNew();
        RegionSegmentationResult result = RegionSegmenter.Segment(image, kmeans, new RegionOptions());
        Console.WriteLine($"RegionSegmenter default, 12 MP: {total.Elapsed.TotalSeconds:F3} s, {result.Regions.RegionCount} regions");
    }
}
