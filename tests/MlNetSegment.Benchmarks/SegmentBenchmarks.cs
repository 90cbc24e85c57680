using BenchmarkDotNet.Attributes;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Benchmarks;

/// <summary>The whole <c>segment</c> job in-process (decode → fit → label → encode), to show cost grows with pixels.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SegmentBenchmarks
{
    private string _path = string.Empty;
    private string _output = string.Empty;

    [Params(0.25, 1, 4, 12)]
    public double Megapixels { get; set; }

    [Params(4, 10, 32)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkImages.PhotoFile(Megapixels);
        _output = Path.Combine(Path.GetTempPath(), $"mlnetsegment-bench-out-{Megapixels}.png");
    }

    [Benchmark]
    public long Segment()
    {
        using Image<Rgba32> image = ImageLoader.Load(_path);
        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = K, ColorSpace = ColorSpace.HsvLinear });
        SegmentationWriter.WriteSegmented(result.Labels, result.Model.SrgbPalette, _output, overwrite: true);
        return new FileInfo(_output).Length;
    }
}
