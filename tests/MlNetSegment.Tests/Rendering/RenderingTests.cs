using MlNetSegment.Charts;
using MlNetSegment.Imaging;
using MlNetSegment.Rendering;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Tests.Rendering;

public class RenderingTests
{
    private static readonly Lazy<(Image<Rgba32> Image, SegmentationResult Result)> Chelsea = new(() =>
    {
        Image<Rgba32> image = ImageLoader.Load(TestImages.Sample("chelsea.png"));
        return (image, ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 5, Seed = 2 }));
    });

    [Fact]
    public void The_embedded_font_draws_visible_text_without_any_installed_font()
    {
        using var bitmap = new SKBitmap(300, 60);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using SKPaint paint = EmbeddedFont.TextPaint(SKColors.Black, 24);
            canvas.DrawText("MlNetSegment #1a2b3c", 5, 40, paint);
        }

        Assert.Equal("DejaVu Sans", EmbeddedFont.Sans.FamilyName);
        using Image<Rgba32> image = SkiaImages.ToImage(bitmap);
        var dark = 0;
        image.ProcessPixelRows(a =>
        {
            for (var y = 0; y < a.Height; y++)
            {
                foreach (Rgba32 p in a.GetRowSpan(y))
                {
                    dark += p.R < 100 ? 1 : 0;
                }
            }
        });
        Assert.InRange(dark, 300, 300 * 60 / 2);
    }

    [Fact]
    public void Masks_tile_the_image_exactly_once_with_the_original_pixels()
    {
        var (image, result) = Chelsea.Value;
        var cover = new int[image.Width * image.Height];
        for (var c = 0; c < result.Model.ClusterCount; c++)
        {
            using Image<Rgba32> mask = MaskRenderer.Render(image, result.Labels, c);
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    Rgba32 m = mask[x, y];
                    int i = (y * image.Width) + x;
                    if (m.A != 0)
                    {
                        cover[i]++;
                        Assert.Equal(image[x, y], m);
                        Assert.Equal(c, result.Labels.Labels[i]);
                    }
                    else
                    {
                        Assert.Equal(default, m);
                    }
                }
            }
        }

        Assert.All(cover, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Boundaries_sit_exactly_where_labels_change_and_leave_other_pixels_alone()
    {
        var (image, result) = Chelsea.Value;
        LabelMap labels = result.Labels;
        using Image<Rgba32> drawn = BoundaryRenderer.Render(image, labels, new BoundaryOptions { Color = new Rgba32(1, 2, 3, 255) });
        int w = labels.Width;
        for (var y = 0; y < labels.Height; y++)
        {
            for (var x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                bool change = (x + 1 < w && labels.Labels[i + 1] != labels.Labels[i]) || (y + 1 < labels.Height && labels.Labels[i + w] != labels.Labels[i]);
                Assert.Equal(change ? new Rgba32(1, 2, 3, 255) : image[x, y], drawn[x, y]);
            }
        }
    }

    [Fact]
    public void Wider_boundaries_stay_within_their_width_of_a_label_change()
    {
        var labels = new LabelMap(10, 3, 2, [.. Enumerable.Range(0, 30).Select(i => (byte)(i % 10 < 5 ? 0 : 1))], null);

        bool[] mask = BoundaryRenderer.BorderMask(labels, 3);

        for (var i = 0; i < mask.Length; i++)
        {
            Assert.Equal(i % 10 is >= 3 and <= 5, mask[i]);
        }
    }

    [Fact]
    public void Golden_boundaries_palette_strip_and_sheet()
    {
        var (image, result) = Chelsea.Value;
        var (counts, _) = result.Labels.CountPixels();
        double[] shares = [.. counts.Select(c => (double)c / counts.Sum())];

        using (Image<Rgba32> boundaries = BoundaryRenderer.Render(image, result.Labels))
        {
            GoldenImage.AssertMatches(boundaries, nameof(RenderingTests), "Boundaries_chelsea");
        }

        using (SKBitmap strip = PaletteStripRenderer.Render(result.Model.SrgbPalette, shares, 600, 80))
        using (Image<Rgba32> stripImage = SkiaImages.ToImage(strip))
        {
            GoldenImage.AssertMatches(stripImage, nameof(RenderingTests), "PaletteStrip_chelsea");
        }

        using Image segmentedAny = SegmentedImageRenderer.Render(result.Labels, result.Model.SrgbPalette);
        using Image<Rgba32> segmented = segmentedAny.CloneAs<Rgba32>();
        using Image<Rgba32> drawn = BoundaryRenderer.Render(image, result.Labels);
        using SKBitmap sheet = ContactSheetRenderer.Render(image, segmented, drawn, result.Model.SrgbPalette, shares, "segmented: K = 5, hsv", 200);
        using Image<Rgba32> sheetImage = SkiaImages.ToImage(sheet);
        GoldenImage.AssertMatches(sheetImage, nameof(RenderingTests), "Sheet_chelsea");
    }

    [Fact]
    public void Palette_strip_widths_follow_the_shares()
    {
        Rgb24[] palette = [new(255, 0, 0), new(0, 0, 255)];
        using SKBitmap strip = PaletteStripRenderer.Render(palette, [0.25, 0.75], 400, 40);
        using Image<Rgba32> image = SkiaImages.ToImage(strip);

        // Largest share first: blue over the first 300 px, then red; sampled on the bottom row, below any text.
        Assert.Equal(new Rgba32(0, 0, 255, 255), image[5, 39]);
        Assert.Equal(new Rgba32(0, 0, 255, 255), image[298, 39]);
        Assert.Equal(new Rgba32(255, 0, 0, 255), image[301, 39]);
        Assert.Equal(new Rgba32(255, 0, 0, 255), image[399, 39]);
    }

    [Fact]
    public void The_palette_legend_lists_every_swatch_even_those_too_narrow_for_text_in_strip_order()
    {
        // Twelve colours, four of them a sliver each: the strip has no room for their codes, the legend does.
        Rgb24[] palette = [.. Enumerable.Range(0, 12).Select(i => new Rgb24((byte)(20 * i), (byte)(255 - (20 * i)), (byte)(i % 2 * 200)))];
        double[] shares = [.. Enumerable.Range(0, 12).Select(i => i < 8 ? 0.12 : 0.01)];
        using SKBitmap legend = PaletteStripRenderer.RenderWithLegend(palette, shares, 1000, 120);
        using Image<Rgba32> image = SkiaImages.ToImage(legend);

        const int PerRow = 5; // (1000 - 10) / 190
        Assert.Equal(120 + 10 + (3 * 24) + 10, image.Height);
        for (var n = 0; n < palette.Length; n++)
        {
            // Ties by index, so strip order is the cluster order here; the swatch's centre pixel is its colour.
            Rgb24 colour = palette[n];
            Rgba32 swatch = image[10 + (n % PerRow * 190) + 8, 120 + 10 + (n / PerRow * 24) + 3 + 8];
            Assert.Equal(new Rgba32(colour.R, colour.G, colour.B, 255), swatch);
        }
    }

    [Theory]
    [InlineData(255, 255, 255, false)]
    [InlineData(0, 0, 0, true)]
    [InlineData(255, 255, 0, false)]
    [InlineData(0, 0, 200, true)]
    public void Text_on_a_swatch_is_black_or_white_whichever_reads_better(byte r, byte g, byte b, bool white) =>
        Assert.Equal(white ? SKColors.White : SKColors.Black, SkiaImages.ReadableTextColor(new Rgb24(r, g, b)));

    [Fact]
    public void One_reused_mask_buffer_gives_the_same_masks_as_fresh_ones()
    {
        var (image, result) = Chelsea.Value;
        using var reused = new Image<Rgba32>(image.Width, image.Height, new Rgba32(9, 9, 9, 9));
        for (var c = 0; c < result.Model.ClusterCount; c++)
        {
            MaskRenderer.RenderInto(image, result.Labels, c, reused);
            using Image<Rgba32> fresh = MaskRenderer.Render(image, result.Labels, c);
            Assert.True(PixelsEqual(fresh, reused), $"mask {c} differs when its buffer held the previous mask");
        }
    }

    [Fact]
    public void The_shrunk_segmented_preview_averages_each_box_of_palette_colours()
    {
        // 4 × 2 labels shrunk to 2 × 1: the left box is all cluster 0; the right box is half 0, half 1, with one
        // fully transparent pixel of cluster 1 that must not count.
        byte[] labels = [0, 0, 0, 1, 0, 0, 0, 1];
        byte[] alpha = [255, 255, 255, 255, 255, 255, 255, 0];
        Rgb24[] palette = [new(200, 0, 0), new(0, 0, 90)];
        using Image<Rgba32> shrunk = SegmentedImageRenderer.RenderShrunk(new LabelMap(4, 2, 2, labels, alpha), palette, 2, 1);
        Assert.Equal(new Rgba32(200, 0, 0, 255), shrunk[0, 0]);

        // Right box: colours (200,0,0) ×2 and (0,0,90) ×1 opaque, alpha mean (3 × 255 + 0) / 4.
        Assert.Equal(new Rgba32(133, 0, 30, 191), shrunk[1, 0]);
    }

    private static bool PixelsEqual(Image<Rgba32> a, Image<Rgba32> b)
    {
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
