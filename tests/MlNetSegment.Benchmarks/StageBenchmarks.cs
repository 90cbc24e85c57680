using BenchmarkDotNet.Attributes;
using MlNetSegment.Imaging;
using MlNetSegment.Models;
using MlNetSegment.Output;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Benchmarks;

/// <summary>Each stage of <c>segment</c> on its own, for image sizes from 0.25 to 12 MP.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class StageBenchmarks
{
    private string _path = string.Empty;
    private Image<Rgba32> _image = null!;
    private float[] _sample = [];
    private PaletteModel _model = null!;
    private LabelMap _labels = null!;

    [Params(0.25, 1, 4, 12)]
    public double Megapixels { get; set; }

    [Params(4, 10, 32)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkImages.PhotoFile(Megapixels);
        _image = ImageLoader.Load(_path);
        var options = new PaletteTrainingOptions { Clusters = K, ColorSpace = ColorSpace.HsvLinear };
        _sample = Sample(options);
        _model = PaletteModelFitter.Fit(_sample, K, 1, options);
        _labels = _model.Label(_image);
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark]
    public int Decode()
    {
        using Image<Rgba32> image = ImageLoader.Load(_path);
        return image.Width;
    }

    /// <summary>What <c>segment</c> does before fitting: draw the pixel sample and compute its features.</summary>
    [Benchmark]
    public int SampleAndFeatures() => Sample(new PaletteTrainingOptions { ColorSpace = ColorSpace.HsvLinear }).Length;

    [Benchmark]
    public int Fit() => PaletteModelFitter.Fit(_sample, K, 1, new PaletteTrainingOptions { Clusters = K, ColorSpace = ColorSpace.HsvLinear }).ClusterCount;

    [Benchmark]
    public int Predict() => _model.Label(_image).Labels.Length;

    [Benchmark]
    public int RebuildAndEncode()
    {
        using var stream = new MemoryStream();
        IndexedPngWriter.WritePalette(stream, _labels.Labels, _labels.Width, _labels.Height, _model.SrgbPalette);
        return (int)stream.Length;
    }

    private float[] Sample(PaletteTrainingOptions options) =>
        ImageSample.FeaturesOf(ImageSample.Draw(_image, options.SamplePixels, options.Seed), options.ColorSpace);
}
