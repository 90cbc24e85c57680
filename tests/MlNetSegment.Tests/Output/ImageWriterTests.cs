using MlNetSegment.Imaging;
using MlNetSegment.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Output;

public class ImageWriterTests
{
    [Fact]
    public void A_stream_that_fails_under_libpng_is_an_exception_to_the_caller_not_an_abort()
    {
        // Probe round 8: a full disk while libpng wrote through Skia's callback aborted the process (SIGABRT), since an
        // exception cannot cross the native frames. Without the guard this test takes the test host down with it.
        using Image<Rgba32> image = ArrayImages.Create(64, 64);
        using var full = new FailingStream(afterBytes: 100);

        var error = Assert.Throws<IOException>(() => ImageWriter.WritePng(image, full));

        Assert.Equal("No space left on device", error.Message);
    }

    [Fact]
    public void A_stream_that_works_gets_a_whole_png()
    {
        using Image<Rgba32> image = ArrayImages.Create(64, 64);
        image[3, 5] = new Rgba32(1, 2, 3, 4);
        using var stream = new MemoryStream();

        ImageWriter.WritePng(image, stream);

        stream.Position = 0;
        using Image<Rgba32> back = Image.Load<Rgba32>(stream);
        Assert.Equal(new Rgba32(1, 2, 3, 4), back[3, 5]);
    }

    private sealed class FailingStream(int afterBytes) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > afterBytes)
            {
                throw new IOException("No space left on device");
            }

            _written += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
