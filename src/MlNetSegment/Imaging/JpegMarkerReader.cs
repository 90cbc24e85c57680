using System.Buffers;

namespace MlNetSegment.Imaging;

/// <summary>
/// Reads a JPEG from marker to marker for <see cref="ContainerScan"/>: it finds each marker (0xFF then a code) and
/// passes over everything between them — entropy-coded scan data with its stuffed zero bytes and restart markers,
/// fill bytes, stray bytes — without decoding any of it, reading the file in 64 KB blocks.
/// </summary>
/// <remarks>
/// Why a buffer of its own: a scan is most of the file, and finding the next marker in it is a vectorised search for
/// 0xFF in a block, where a <see cref="Stream.ReadByte"/> per byte costs a call per byte. Segments that are skipped
/// whole (APPn and the like) are sought past, not read.
/// </remarks>
internal sealed class JpegMarkerReader : IDisposable
{
    private const int BlockSize = 1 << 16;

    private readonly Stream _stream;
    private readonly byte[] _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _next;
    private int _end;

    /// <summary>Reads <paramref name="stream"/> from its current position.</summary>
    public JpegMarkerReader(Stream stream) => _stream = stream;

    /// <summary>Position in the stream of the next byte this reader returns.</summary>
    public long Position => _stream.Position - (_end - _next);

    /// <summary>
    /// The code of the next marker that begins a segment or ends the image, or -1 at the end of the data. Skipped on
    /// the way: every byte that is not 0xFF, stuffed zeros (0xFF 0x00), fill bytes (0xFF 0xFF), restart markers
    /// RST0–RST7 and TEM, which stand alone inside or between scans.
    /// </summary>
    public int NextMarker()
    {
        while (true)
        {
            if (!Fill())
            {
                return -1;
            }

            int found = _block.AsSpan(_next, _end - _next).IndexOf((byte)0xFF);
            if (found < 0)
            {
                _next = _end;
                continue;
            }

            _next += found + 1;
            if (!Fill())
            {
                return -1;
            }

            byte code = _block[_next];
            if (code == 0xFF)
            {
                continue; // a fill byte: this 0xFF may be the marker's own, found again on the next turn
            }

            _next++;
            if (code is not (0x00 or 0x01 or (>= 0xD0 and <= 0xD7)))
            {
                return code;
            }
        }
    }

    /// <summary>A big-endian 16-bit value (a segment length), or -1 at the end of the data.</summary>
    public int ReadUInt16()
    {
        int high = ReadByte();
        int low = ReadByte();
        return high < 0 || low < 0 ? -1 : (high << 8) | low;
    }

    /// <summary>Fills <paramref name="destination"/>; false when the data ends first.</summary>
    public bool TryRead(Span<byte> destination)
    {
        int fromBlock = Math.Min(destination.Length, _end - _next);
        _block.AsSpan(_next, fromBlock).CopyTo(destination);
        _next += fromBlock;
        return _stream.ReadAtLeast(destination[fromBlock..], destination.Length - fromBlock, throwOnEndOfStream: false)
            == destination.Length - fromBlock;
    }

    /// <summary>Continues at <paramref name="position"/> (at or after <see cref="Position"/>), seeking past large gaps.</summary>
    public void MoveTo(long position)
    {
        long ahead = position - Position;
        if (ahead <= _end - _next)
        {
            _next += (int)ahead;
            return;
        }

        _stream.Position = position;
        _next = _end = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => ArrayPool<byte>.Shared.Return(_block);

    private int ReadByte() => Fill() ? _block[_next++] : -1;

    // At least one unread byte in the block, unless the data has ended.
    private bool Fill()
    {
        if (_next < _end)
        {
            return true;
        }

        _next = 0;
        _end = _stream.Read(_block, 0, BlockSize);
        return _end > 0;
    }
}
