using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Rendering;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Tests.Output;

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
    public void Masks_of_a_photo_are_written_unfiltered_at_zlib_level_2_a_third_smaller_than_before()
    {
        // libpng's search of all five filters at level 1 made the 64 masks of this 4 MP photo 15.9 MB (and took 7.3 s
        // under load; 1.3 s now). Unfiltered at level 2 they are 11.1 MB: a deterministic trace of the change.
        using var dir = new TempDirectory();
        using (Image<Rgba32> photo = ImageLoader.Load(TestImages.Sample("coffee.png")))
        using (Image<Rgba32> big = photo.Clone(x => x.Resize(2400, 1600)))
        {
            big.SaveAsPng(dir.File("big.png"));
        }

        var run = CliRunner.Run(dir.Path, "segment", "big.png", "-k", "64", "-o", "out.png", "--masks", "m");

        Assert.Equal(0, run.ExitCode);
        string[] masks = Directory.GetFiles(dir.File("m"), "cluster-*.png");
        Assert.Equal(64, masks.Length);
        long bytes = masks.Sum(m => new FileInfo(m).Length);
        Assert.True(bytes < 13_000_000, $"the masks take {bytes:N0} bytes");
    }
}
