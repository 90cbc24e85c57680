using MlNetSegment.Imaging;
using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Imaging;

/// <summary>The JPEG marker walk that runs before either decoder: its scan count.</summary>
public class ContainerScanJpegTests
{
    public static TheoryData<PixelDecoder> Decoders { get; } = new(PixelDecoder.Native, PixelDecoder.Managed);

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_JPEG_of_99_scans_is_decoded_by_either_decoder(PixelDecoder decoder)
    {
        byte[] jpeg = JpegFiles.WithScans(File.ReadAllBytes(CorpusManifest.PathOf("jpeg_progressive.jpg")), ContainerScan.MaxJpegScans);

        using Image<Rgba32> image = ImageLoader.Load(new MemoryStream(jpeg), "99.jpg", new ImageLimits { Decoder = decoder });

        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_JPEG_of_100_scans_is_refused_by_either_decoder_as_too_many_scans(PixelDecoder decoder)
    {
        // Skia aborted libjpeg-turbo at the 100th scan ("invalid or unsupported data"); ImageSharp decoded any number.
        byte[] jpeg = JpegFiles.WithScans(File.ReadAllBytes(CorpusManifest.PathOf("jpeg_progressive.jpg")), ContainerScan.MaxJpegScans + 1);
        Assert.Equal(100, JpegFiles.CountScans(jpeg));

        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(new MemoryStream(jpeg), "100.jpg", new ImageLimits { Decoder = decoder }));

        Assert.Equal(ImageProblem.TooManyScans, ex.Problem);
        Assert.Equal("100.jpg: too many JPEG scans (over 99; progressive encoders write about 10)", ex.Message);
    }

    public static TheoryData<string, PixelDecoder> CutOffFiles { get; } = new()
    {
        { "jpeg_trunc_half.jpg", PixelDecoder.Native },
        { "jpeg_trunc_half.jpg", PixelDecoder.Managed },
        { "jpeg_no_eoi.jpg", PixelDecoder.Native },
        { "jpeg_no_eoi.jpg", PixelDecoder.Managed },
        { "jpeg_progressive_trunc.jpg", PixelDecoder.Native },
        { "jpeg_progressive_trunc.jpg", PixelDecoder.Managed },
        { "jpeg_trunc_after_sos.jpg", PixelDecoder.Native },
        { "jpeg_trunc_after_sos.jpg", PixelDecoder.Managed },
    };

    [Theory]
    [MemberData(nameof(CutOffFiles))]
    public void A_JPEG_that_ends_before_its_EOI_marker_is_refused_by_either_decoder(string file, PixelDecoder decoder)
    {
        // ImageSharp used to fill in the missing blocks and segment them; libjpeg-turbo (Skia) refused the same files.
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(CorpusManifest.PathOf(file), new ImageLimits { Decoder = decoder }));

        Assert.Equal(ImageProblem.Corrupt, ex.Problem);
        Assert.EndsWith("(the image data ends early, before its end-of-image marker)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_JPEG_whose_scan_is_cut_short_and_then_ends_with_EOI_is_decoded_by_either_decoder(PixelDecoder decoder)
    {
        // Damage inside a file that ends properly: both decoders fill in the missing blocks (libjpeg-turbo warns, but
        // Skia does not pass the warning on; ImageSharp says nothing), each in its own way, and neither tells us. The
        // README states this limit; this test pins the verdict, which is the same for both.
        byte[] jpeg = JpegFiles.WithScanCutThenEnd(File.ReadAllBytes(CorpusManifest.PathOf("jpeg_baseline.jpg")), 0.25);

        using Image<Rgba32> image = ImageLoader.Load(new MemoryStream(jpeg), "quarter.jpg", new ImageLimits { Decoder = decoder });

        Assert.Equal((64, 48), (image.Width, image.Height));
    }
}
