using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.MlNet;

/// <summary>
/// The README's library walk-through, as a user writes it: only <c>using MlNetSegment;</c> and ML.NET's namespaces.
/// </summary>
public class TrainPaletteTests
{
    private sealed class ImagePath
    {
        public string Path { get; set; } = string.Empty;
    }

    [Fact]
    public void A_trained_palette_pipeline_saves_loads_and_segments_identically_with_at_most_K_colours()
    {
        var ml = new MLContext(seed: 0);
        string folder = Path.Combine(TestImages.RepoRoot, "data");
        IDataView images = ml.Data.LoadFromEnumerable(new[] { new ImagePath { Path = "coffee.png" }, new ImagePath { Path = "astronaut.png" }, new ImagePath { Path = "rocket.jpg" } });

        var pipeline = ml.Transforms.LoadImages("Image", folder, "Path")
            .Append(ml.Transforms.TrainPalette("Segmented", "Image", new PaletteTrainingOptions { Clusters = 6, Seed = 0 }));
        var trained = pipeline.Fit(images);

        string file = Path.Combine(Path.GetTempPath(), $"palette-pipeline-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(trained, images.Schema, file);
            var other = new MLContext(seed: 1);
            other.ComponentCatalog.RegisterAssembly(typeof(PaletteTrainingOptions).Assembly);
            ITransformer loaded = other.Model.Load(file, out _);

            List<byte[]> before = SegmentedPixels(trained.Transform(images));
            List<byte[]> after = SegmentedPixels(loaded.Transform(images));
            Assert.Equal(3, before.Count);
            Assert.Equal(before, after);

            var colours = new HashSet<int>();
            foreach (byte[] pixels in before)
            {
                for (var i = 0; i < pixels.Length; i += 4)
                {
                    colours.Add(pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16));
                }
            }

            Assert.InRange(colours.Count, 2, 6);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_palette_is_learnt_from_every_row_not_the_first_image_only()
    {
        // Two one-colour images: a palette fitted on the first row alone could not hold the second's colour.
        var ml = new MLContext(seed: 0);
        string folder = Path.Combine(Path.GetTempPath(), $"train-palette-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            WriteSolid(Path.Combine(folder, "red.png"), 200, 30, 30);
            WriteSolid(Path.Combine(folder, "blue.png"), 20, 40, 210);
            IDataView rows = ml.Data.LoadFromEnumerable(new[] { new ImagePath { Path = "red.png" }, new ImagePath { Path = "blue.png" } });
            var trained = ml.Transforms.LoadImages("Image", folder, "Path")
                .Append(ml.Transforms.TrainPalette("Segmented", "Image", new PaletteTrainingOptions { Clusters = 2 }))
                .Fit(rows);

            List<byte[]> outputs = SegmentedPixels(trained.Transform(rows));
            Assert.Equal((200, 30, 30), (outputs[0][0], outputs[0][1], outputs[0][2]));
            Assert.Equal((20, 40, 210), (outputs[1][0], outputs[1][1], outputs[1][2]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_estimator_is_made()
    {
        var ml = new MLContext(seed: 0);
        Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.TrainPalette("Segmented", "Image", new PaletteTrainingOptions { Clusters = 1 }));
    }

    private static List<byte[]> SegmentedPixels(IDataView output)
    {
        var result = new List<byte[]>();
        DataViewSchema.Column column = output.Schema["Segmented"];
        using DataViewRowCursor cursor = output.GetRowCursor([column]);
        ValueGetter<MLImage> getter = cursor.GetGetter<MLImage>(column);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            Assert.Equal(MLPixelFormat.Rgba32, image.PixelFormat);
            result.Add(image.Pixels.ToArray());
        }

        return result;
    }

    private static void WriteSolid(string path, byte r, byte g, byte b)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(40, 30, new SixLabors.ImageSharp.PixelFormats.Rgba32(r, g, b, 255));
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, path);
    }
}
