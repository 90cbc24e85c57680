using BenchmarkDotNet.Attributes;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Benchmarks;

/// <summary>
/// <c>apply</c>'s work on one image (decode → label with a saved palette → write the segmented PNG) against the
/// unavoidable I/O alone (decode → write the very same output PNG from labels computed beforehand). Goal: ratio ≤ 1.5.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class ApplyBenchmarks
{
    private string _path = string.Empty;
    private string _output = string.Empty;
    private PaletteModel _model = null!;
    private LabelMap _labels = null!;

    [Params(1, 12)]
    public double Megapixels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkImages.PhotoFile(Megapixels);
        _output = Path.Combine(Path.GetTempPath(), $"mlnetsegment-bench-apply-{Megapixels}.png");
        using Image<Rgba32> image = ImageLoader.Load(_path);
        _model = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 10, ColorSpace = ColorSpace.HsvLinear }).Model;
        _labels = _model.Label(image);
    }

    [Benchmark(Baseline = true)]
    public long DecodeAndWriteOnly()
    {
        // The same output bytes as Apply, from labels computed beforehand: only the I/O is timed.
        using Image<Rgba32> image = ImageLoader.Load(_path);
        SegmentationWriter.WriteSegmented(_labels, _model.SrgbPalette, _output, overwrite: true);
        return new FileInfo(_output).Length;
    }

    /// <summary>The first image of a batch: the model has not labelled any colour yet.</summary>
    [Benchmark]
    public long ApplyColdModel()
    {
        var model = new PaletteModel(_model.Model, _model.ColorSpace, _model.Centroids, _model.Info);
        using Image<Rgba32> image = ImageLoader.Load(_path);
        LabelMap labels = model.Label(image);
        SegmentationWriter.WriteSegmented(labels, model.SrgbPalette, _output, overwrite: true);
        return new FileInfo(_output).Length;
    }

    /// <summary>Later images of a batch of similar photos: the model remembers the colours it has labelled.</summary>
    [Benchmark]
    public long ApplyWarmModel()
    {
        using Image<Rgba32> image = ImageLoader.Load(_path);
        LabelMap labels = _model.Label(image);
        SegmentationWriter.WriteSegmented(labels, _model.SrgbPalette, _output, overwrite: true);
        return new FileInfo(_output).Length;
    }
}
