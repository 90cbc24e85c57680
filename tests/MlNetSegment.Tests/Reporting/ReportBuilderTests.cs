using MlNetSegment.Reporting;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Reporting;

public class ReportBuilderTests
{
    [Fact]
    public void Pixel_counts_match_the_label_map_and_sum_to_the_opaque_pixels()
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("coffee.png"));
        image.ProcessPixelRows(a =>
        {
            for (var y = 0; y < 10; y++)
            {
                a.GetRowSpan(y).Clear();
            }
        });
        SegmentationResult result = ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 7 });

        SegmentationReport report = ReportBuilder.Build("coffee.png", image, result.Labels, result.Model);

        Assert.Equal((600, 400, 7), (report.Width, report.Height, report.K));
        Assert.Equal(6000, report.TransparentPixels);
        Assert.Equal((600 * 400) - 6000, report.Palette.Sum(p => p.Pixels));
        for (var c = 0; c < 7; c++)
        {
            long expected = 0;
            for (var i = 0; i < result.Labels.Labels.Length; i++)
            {
                expected += !result.Labels.IsTransparent(i) && result.Labels.Labels[i] == c ? 1 : 0;
            }

            Assert.Equal(expected, report.Palette[c].Pixels);
        }

        Assert.Equal(1.0, report.Palette.Sum(p => p.Share), 9);
        Assert.True(report.Inertia > report.SampleInertia);
    }
}
