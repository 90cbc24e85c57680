using System.Diagnostics;
using MlNetSegment.Imaging;
using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

public class ImageLoaderHostileInputTests
{
    [Fact]
    public void A_16000x16000_one_colour_PNG_is_refused_from_its_header_in_under_a_second()
    {
        string path = CorpusManifest.PathOf("png_16000x16000.png");
        ImageLoader.Probe(CorpusManifest.PathOf("png_1x1.png")); // JIT and ImageSharp's static set-up are not the point

        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path));
        clock.Stop();

        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void An_interlaced_1x8_PNG_decodes_every_row_in_place()
    {
        // ImageSharp 2.1.13 alone returns rows 1, 3, 5 and 7 transparent and the others shifted.
        using Image<Rgba32> image = ImageLoader.Load(CorpusManifest.PathOf("png_interlaced_1x8.png"));

        Assert.Equal((1, 8), (image.Width, image.Height));
        for (var y = 0; y < 8; y++)
        {
            Assert.Equal(new Rgba32((byte)(y * 30), 0, 0, 255), image[0, y]);
        }
    }

    [Theory]
    [InlineData("png_interlaced_1x1.png", 1, 1)]
    [InlineData("png_interlaced_4x1.png", 4, 1)]
    [InlineData("png_interlaced_3x2_gray_alpha.png", 3, 2)]
    [InlineData("png_interlaced.png", 37, 29)]
    public void Interlaced_PNGs_that_hang_ImageSharp_decode_like_their_non_interlaced_twins(string file, int width, int height)
    {
        using Image<Rgba32> image = LoadWithin(file, TimeSpan.FromSeconds(10));

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void Interlaced_alpha_is_kept_straight_not_premultiplied()
    {
        using Image<Rgba32> image = LoadWithin("png_interlaced_3x2_gray_alpha.png", TimeSpan.FromSeconds(10));

        Assert.Equal(new Rgba32(90, 90, 90, 128), image[1, 0]);
        Assert.Equal(new Rgba32(50, 50, 50, 64), image[2, 1]);
        Assert.Equal(0, image[0, 1].A);
    }

    [Theory]
    [InlineData("png_interlaced_trunc_zlib.png")]
    [InlineData("png_interlaced_short_data.png")]
    [InlineData("png_interlaced_cut_file.png")]
    public void Short_interlaced_data_is_corrupt_not_a_hang(string file)
    {
        var ex = Assert.Throws<ImageLoadException>(() => LoadWithin(file, TimeSpan.FromSeconds(10)).Dispose());

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
    }

    [Theory]
    [InlineData("png_bad_bit_depth.png")]
    [InlineData("png_bad_color_type.png")]
    public void A_PNG_with_an_invalid_header_field_is_corrupt_not_an_unknown_format(string file)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(CorpusManifest.PathOf(file)));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
    }

    [Fact]
    public void An_animated_GIF_decodes_its_first_frame_and_says_so()
    {
        string path = CorpusManifest.PathOf("gif_animated.gif");

        using LoadedImage loaded = ImageLoader.LoadWithNotices(path);

        Assert.Equal("GIF", loaded.Format);
        Assert.Equal((64, 48), (loaded.Image.Width, loaded.Image.Height));
        string notice = Assert.Single(loaded.Notices);
        Assert.Contains("6 frames", notice, StringComparison.Ordinal);
        Assert.Contains("first frame", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_still_GIF_has_no_notice()
    {
        using LoadedImage loaded = ImageLoader.LoadWithNotices(CorpusManifest.PathOf("gif_static.gif"));

        Assert.Empty(loaded.Notices);
    }

    [Fact]
    public void Dev_zero_behind_a_symlink_is_refused_at_once_as_not_a_regular_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        string link = dir.File("zero.png");
        File.CreateSymbolicLink(link, "/dev/zero");

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(link));

        Assert.Equal(ImageProblem.Unreadable, ex.Problem);
        Assert.Contains("character device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_is_refused_without_blocking_on_open()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        string fifo = MakeFifo(dir, "pipe.png");

        // WaitAsync throws TimeoutException if Load blocks on open.
        ImageLoadException ex = await Task.Run(() => Assert.Throws<ImageLoadException>(() => ImageLoader.Load(fifo))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ImageProblem.Unreadable, ex.Problem);
        Assert.Contains("FIFO", ex.Message, StringComparison.Ordinal);
    }

    internal static string MakeFifo(TempDirectory dir, string name)
    {
        string path = dir.File(name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    // A regression must fail the test, not hang the run: the load runs on a task the test can abandon.
    private static Image<Rgba32> LoadWithin(string file, TimeSpan limit)
    {
        Task<Image<Rgba32>> load = Task.Run(() => ImageLoader.Load(CorpusManifest.PathOf(file)));
        try
        {
            Assert.True(load.Wait(limit), $"{file}: no result within {limit.TotalSeconds} s");
        }
        catch (AggregateException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }

        return load.Result;
    }
}
