using System.Buffers.Binary;

namespace MlNetSegment.Imaging;

/// <summary>
/// A read-only view of a PNG without the chunks libpng does not need for pixels and reads slowly: every text chunk
/// (tEXt, zTXt, iTXt) and any other ancillary chunk over <see cref="MaxAncillaryBytes"/> (a legal tRNS is at most 768
/// bytes; iCCP and eXIf are not used, since pixels are decoded without colour management and the orientation comes
/// from <see cref="ContainerScan"/>). Whole chunks are left out (length, type, data and CRC), so the rest is still a
/// valid PNG; nothing is copied or inflated, the view maps reads onto the kept ranges of the source.
/// </summary>
/// <remarks>
/// Why: Skia feeds libpng progressively, and libpng's progressive reader saves an ancillary chunk by growing and
/// copying a buffer as the data arrives, which is quadratic in the chunk's size: a 14 MB iTXt chunk or a 56 MB iCCP
/// chunk took over 60 s (the fuzzer found both). Without them the same files decode in milliseconds.
/// </remarks>
internal sealed class PngChunkFilterStream : Stream
{
    /// <summary>Largest ancillary chunk (other than text, always left out) that libpng still sees.</summary>
    public const int MaxAncillaryBytes = 64 * 1024;

    private readonly Stream _source;
    private readonly List<(long Source, long Length, long Virtual)> _ranges = [];
    private readonly long _length;
    private long _position;

    private PngChunkFilterStream(Stream source)
    {
        _source = source;
        long start = source.Position;
        long end = source.Length;
        long keptFrom = start;
        long virtualLength = 0;
        Span<byte> header = stackalloc byte[8];
        long p = start + 8;
        while (p + 12 <= end)
        {
            source.Position = p;
            source.ReadExactly(header);
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header);
            long next = p + 12L + size;
            if (size > int.MaxValue || next > end)
            {
                break;
            }

            bool ancillary = (header[4] & 0x20) != 0;
            bool text = header[4..].SequenceEqual("tEXt"u8) || header[4..].SequenceEqual("zTXt"u8) || header[4..].SequenceEqual("iTXt"u8);
            if (ancillary && (text || size > MaxAncillaryBytes))
            {
                if (p > keptFrom)
                {
                    _ranges.Add((keptFrom, p - keptFrom, virtualLength));
                    virtualLength += p - keptFrom;
                }

                keptFrom = next;
            }

            if (header[4..].SequenceEqual("IEND"u8))
            {
                break;
            }

            p = next;
        }

        if (end > keptFrom)
        {
            _ranges.Add((keptFrom, end - keptFrom, virtualLength));
            virtualLength += end - keptFrom;
        }

        _length = virtualLength;
    }

    /// <summary>The filtered view of the PNG in <paramref name="source"/> from its current position (its signature).</summary>
    public static PngChunkFilterStream Create(Stream source) => new(source);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && _position < _length)
        {
            (long source, long length, long start) = Find(_position);
            long within = _position - start;
            int wanted = (int)Math.Min(buffer.Length - total, length - within);
            _source.Position = source + within;
            int read = _source.Read(buffer.Slice(total, wanted));
            if (read == 0)
            {
                break;
            }

            total += read;
            _position += read;
        }

        return total;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private (long Source, long Length, long Virtual) Find(long position)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_ranges[mid].Virtual <= position)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return _ranges[lo];
    }
}
