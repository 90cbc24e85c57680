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
}
