using System.Buffers.Binary;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// A PNG header followed by a long run of zeros reads as hundreds of millions of empty chunks named \0\0\0\0; the
/// header walk refuses the first one instead of walking them all (the fresh probe's 4 GiB sparse file took 60-84 s).
/// </summary>
public class PngChunkTypeTests
{
    [Theory]
    [InlineData("native")]
    [InlineData("managed")]
    public void A_PNG_header_followed_by_a_gigabyte_of_zeros_is_refused_at_once(string decoder)
    {
        using var dir = new TempDirectory();
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, 8);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 8);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using (FileStream file = File.Create(dir.File("zeros.png")))
        {
            file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, ihdr.Length);
            file.Write(word);
            byte[] typed = [.. "IHDR"u8, .. ihdr];
            file.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(word, System.IO.Hashing.Crc32.HashToUInt32(typed));
            file.Write(word);
            file.SetLength(1L << 30); // sparse where the file system allows
        }

        var run = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), "segment", "zeros.png", "-o", "out.png", "--decoder", decoder);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: zeros.png: corrupt image data (a PNG chunk type that is not four ASCII letters)", Assert.Single(run.ErrorLines));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"took {run.Elapsed}");
    }
}
