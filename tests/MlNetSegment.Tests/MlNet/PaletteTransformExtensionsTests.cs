using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.MlNet;

public class PaletteTransformExtensionsTests
{
    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }

    private sealed class OutputRow
    {
        public MLImage Segmented { get; set; } = null!;
    }

    [Fact]
    public void An_ML_NET_pipeline_loads_images_and_segments_them_with_the_palette()
    {
        PaletteModel model = TestModels.SixColours;
        var ml = new MLContext(seed: 0);
        string folder = Path.Combine(TestImages.RepoRoot, "data");
        IDataView rows = ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = "coffee.png" }, new PathRow { Path = "astronaut.png" } });

        var pipeline = ml.Transforms.LoadImages("Image", folder, nameof(PathRow.Path))
            .Append(ml.Transforms.SegmentWithPalette(model, "Segmented", "Image"));
        IDataView output = pipeline.Fit(rows).Transform(rows);

        PaletteTransformExtensions.RegisterImageType();
        var results = ml.Data.CreateEnumerable<OutputRow>(output, reuseRowObject: false).ToList();
        Assert.Equal(2, results.Count);
        string[] names = ["coffee.png", "astronaut.png"];
        for (var i = 0; i < results.Count; i++)
        {
            using Image<Rgba32> original = Image.Load<Rgba32>(Path.Combine(folder, names[i]));
            LabelMap expected = model.Label(original);
            MLImage segmented = results[i].Segmented;
            Assert.Equal((original.Width, original.Height), (segmented.Width, segmented.Height));
            Assert.Equal(MLPixelFormat.Rgba32, segmented.PixelFormat);
            ReadOnlySpan<byte> pixels = segmented.Pixels;
            for (var p = 0; p < expected.Labels.Length; p += 97)
            {
                Rgb24 colour = model.SrgbPalette[expected.Labels[p]];
                Assert.Equal((colour.R, colour.G, colour.B), (pixels[p * 4], pixels[(p * 4) + 1], pixels[(p * 4) + 2]));
            }
        }
    }
}
