using System.Buffers.Binary;

namespace MlNetSegment.Output;

/// <summary>
/// The PNG container for this project's own PNG writers (<see cref="IndexedPngWriter"/>, <see cref="MaskPngWriter"/>):
/// signature, IHDR, optional PLTE, IDAT chunks of zlib data, IEND, each chunk with its CRC-32 (<see cref="System.IO.Hashing.Crc32"/>).
/// </summary>
internal static class PngChunks
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes the signature, IHDR (no interlacing) and, for a palette image, PLTE.</summary>
    public static void WriteHeader(Stream stream, int width, int height, byte bitDepth, byte colorType, byte[]? plte)
    {
        stream.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        WriteChunk(stream, "IHDR"u8, ihdr);
        if (plte is not null)
        {
            WriteChunk(stream, "PLTE"u8, plte);
        }
    }

    /// <summary>Writes the IEND chunk.</summary>
    public static void WriteEnd(Stream stream) => WriteChunk(stream, "IEND"u8, []);

    /// <summary>Writes one chunk: length, type, data, CRC of type and data.</summary>
    public static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        var hash = new System.IO.Hashing.Crc32();
        hash.Append(type);
        hash.Append(data);
        uint crc = hash.GetCurrentHashAsUInt32();
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }

    /// <summary>A stream that buffers what is written to it and emits it as IDAT chunks of up to 256 KB.</summary>
    public static Stream IdatStream(Stream inner) => new ChunkStream(inner, "IDAT"u8);

    private sealed class ChunkStream(Stream inner, ReadOnlySpan<byte> type) : Stream
    {
        private const int ChunkSize = 1 << 18;
        private readonly byte[] _type = type.ToArray();
        private readonly byte[] _buffer = new byte[ChunkSize];
        private int _count;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                int take = Math.Min(buffer.Length, ChunkSize - _count);
                buffer[..take].CopyTo(_buffer.AsSpan(_count));
                _count += take;
                buffer = buffer[take..];
                if (_count == ChunkSize)
                {
                    Flush();
                }
            }
        }

        public override void Flush()
        {
            if (_count > 0)
            {
                WriteChunk(inner, _type, _buffer.AsSpan(0, _count));
                _count = 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Flush();
            }

            base.Dispose(disposing);
        }
    }
}
