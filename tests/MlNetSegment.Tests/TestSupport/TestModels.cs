using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>A small palette model fitted once per test run.</summary>
public static class TestModels
{
    private static readonly Lazy<PaletteModel> Chelsea = new(() =>
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("chelsea.png"));
        return ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 6, Seed = 1 }).Model;
    });

    /// <summary>K=6, hsv, fitted on chelsea.png.</summary>
    public static PaletteModel SixColours => Chelsea.Value;
}
