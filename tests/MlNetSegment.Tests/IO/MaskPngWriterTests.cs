using MlNetSegment.Imaging;
using MlNetSegment.IO;
using MlNetSegment.Rendering;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Tests.IO;

/// <summary>Masks encoded row by row (probe C31: 256 masks of a 9 MP image took 93 s through libpng's all-filter search).</summary>
public class MaskPngWriterTests
{
    [Theory]
    [InlineData(PixelDecoder.Native)]
    [InlineData(PixelDecoder.Managed)]
    public void Each_mask_file_decodes_to_the_rendered_cut_out(PixelDecoder decoder)
    {
        // Transparent pixels in the original are in no mask: the cut-outs must keep that, whoever decodes them.
        using Image<Rgba32> image = ImageLoader.Load(TestImages.Sample("chelsea.png"));
        image.ProcessPixelRows(rows => rows.GetRowSpan(10)[..50].Fill(new Rgba32(1, 2, 3, 0)));
        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 4, Seed = 1 });

        for (var c = 0; c < result.Model.ClusterCount; c++)
        {
            using var file = new MemoryStream();
            MaskPngWriter.Write(file, image, result.Labels, c);
            file.Position = 0;
            using Image<Rgba32> written = ImageLoader.Load(file, "mask.png", new ImageLimits { Decoder = decoder });
            using Image<Rgba32> rendered = MaskRenderer.Render(image, result.Labels, c);

            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    Assert.True(rendered[x, y] == written[x, y], $"mask {c}: ({x}, {y}) is {written[x, y]}, not {rendered[x, y]}");
                }
            }
        }
    }

    [Fact]
    public void Writing_64_masks_of_a_4_MP_photo_takes_seconds_not_tens_of_seconds()
    {
        // Measured on this machine under load: 7.3 s before (libpng's filter search, 0.36-0.45 s a mask at 9 MP),
        // 1.3 s now; the bound sits between the two with a factor of over 2 either side.
        using var dir = new TempDirectory();
        using (Image<Rgba32> photo = ImageLoader.Load(TestImages.Sample("coffee.png")))
        using (Image<Rgba32> big = photo.Clone(x => x.Resize(2400, 1600)))
        {
            big.SaveAsPng(dir.File("big.png"));
        }

        var run = CliRunner.Run(dir.Path, "segment", "big.png", "-k", "64", "-o", "out.png", "--masks", "m", "--verbose");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(64, Directory.GetFiles(dir.File("m"), "cluster-*.png").Length);
        string timing = Assert.Single(run.ErrorLines, l => l.StartsWith("timing:", StringComparison.Ordinal));
        int encode = int.Parse(System.Text.RegularExpressions.Regex.Match(timing, @"encode (\d+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(encode < 3000, $"writing took {encode} ms: {timing}");
    }
}
