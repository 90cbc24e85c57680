using System.Buffers.Binary;
using System.Text;
using MlNetSegment.Color;
using MlNetSegment.IO;

namespace MlNetSegment.Sampling;

/// <summary>
/// Sample files (<c>.sample</c>): one shard's pixel sample, small, versioned and checksummed, read as untrusted input.
/// </summary>
/// <remarks>
/// Layout, little-endian: the magic <c>MLNSAMPL</c>; the format version (u16, 1); the tool version and the colour
/// space name (each a u8 length, at most 64, and UTF-8 bytes); the seed, the shard index and count, the sample seed and
/// the capacity (i32 each); images used, images skipped and pixels seen (i64 each); the pixel count (i32); that many
/// pixels as R, G, B bytes; and the CRC-32 of everything before it (u32). Every field is checked against the others
/// (the sample seed must follow from the seed and the shard, the count must be min(seen, capacity), the length must be
/// exact) before anything is allocated by it, and the whole file is at most <see cref="MaxFileBytes"/>.
/// </remarks>
internal static class PixelSampleFile
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Longest tool version or colour space name, in bytes.</summary>
    public const int MaxNameBytes = 64;

    /// <summary>The largest legal sample file: the largest sample plus the longest header.</summary>
    public const int MaxFileBytes = 3 * PaletteTrainingOptions.MaxSamplePixels + 256;

    private static readonly byte[] Magic = "MLNSAMPL"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="sample"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static void Write(string path, PixelSample sample, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sample);
        byte[] bytes = Encode(sample);
        AtomicFile.Write(path, stream => stream.Write(bytes), overwrite);
    }

    /// <summary>The bytes of a sample file holding <paramref name="sample"/>.</summary>
    public static byte[] Encode(PixelSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Colors.Length != sample.PixelCount)
        {
            throw new ArgumentException("The sample's colours are not all there.", nameof(sample));
        }

        byte[] tool = Encoding.UTF8.GetBytes(sample.ToolVersion);
        byte[] space = Encoding.UTF8.GetBytes(ColorSpaceNames.ToName(sample.ColorSpace));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tool.Length, MaxNameBytes, nameof(sample));
        int length = Magic.Length + 2 + 1 + tool.Length + 1 + space.Length + (5 * 4) + (3 * 8) + 4 + (3 * sample.PixelCount) + 4;
        var bytes = new byte[length];
        var at = 0;
        Magic.CopyTo(bytes, at);
        at += Magic.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), FormatVersion);
        at += 2;
        bytes[at++] = (byte)tool.Length;
        tool.CopyTo(bytes, at);
        at += tool.Length;
        bytes[at++] = (byte)space.Length;
        space.CopyTo(bytes, at);
        at += space.Length;
        foreach (int value in new[] { sample.Seed, sample.Shard.Index, sample.Shard.Count, sample.SampleSeed, sample.Capacity })
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
            at += 4;
        }

        foreach (long value in new[] { sample.ImageCount, sample.SkippedCount, sample.PixelsSeen })
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
            at += 8;
        }

        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), sample.PixelCount);
        at += 4;
        foreach (int color in sample.Colors)
        {
            bytes[at++] = (byte)(color >> 16);
            bytes[at++] = (byte)(color >> 8);
            bytes[at++] = (byte)color;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, at)));
        return bytes;
    }

    /// <summary>
    /// Reads the sample file <paramref name="path"/>, checking all of it; <paramref name="withColors"/> false leaves
    /// <see cref="PixelSample.Colors"/> empty (the header of a part, before the merge needs its pixels).
    /// </summary>
    /// <exception cref="SampleFileException">The file is missing, unreadable, not a sample file, of another format version, cut short, damaged or inconsistent.</exception>
    public static PixelSample Read(string path, bool withColors = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (RegularFile.WhyNotRegular(path) is { } why)
        {
            throw new SampleFileException(path, why);
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            bytes = ReadAtMost(stream, MaxFileBytes, path);
        }
        catch (FileNotFoundException ex)
        {
            throw new SampleFileException(path, "no such sample file", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new SampleFileException(path, "no such sample file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SampleFileException(path, $"cannot be read ({IoErrors.Describe(ex)})", ex);
        }

        return Decode(bytes, path, withColors);
    }

    /// <summary>Decodes the bytes of a sample file, as <see cref="Read"/> does.</summary>
    /// <exception cref="SampleFileException">They are no sample file of this format version, or are damaged.</exception>
    public static PixelSample Decode(ReadOnlySpan<byte> bytes, string name, bool withColors = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (bytes.Length > MaxFileBytes)
        {
            throw new SampleFileException(name, $"too large for a sample file (over {MaxFileBytes:N0} bytes)");
        }

        if (bytes.Length < Magic.Length + 2 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new SampleFileException(name, bytes.Length < Magic.Length + 2 && Magic.AsSpan().StartsWith(bytes)
                ? "cut short (not even a whole header)"
                : "not an mlnetsegment sample file");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[Magic.Length..]);
        if (version != FormatVersion)
        {
            throw new SampleFileException(name, $"sample format version {version}; this tool reads version {FormatVersion}");
        }

        var reader = new Reader(bytes, Magic.Length + 2, name);
        string tool = reader.Text("tool version");
        string spaceName = reader.Text("colour space");
        int seed = reader.Int32();
        int index = reader.Int32();
        int count = reader.Int32();
        int sampleSeed = reader.Int32();
        int capacity = reader.Int32();
        long images = reader.Int64();
        long skipped = reader.Int64();
        long seen = reader.Int64();
        int pixels = reader.Int32();
        if (pixels < 0 || pixels > PaletteTrainingOptions.MaxSamplePixels)
        {
            throw Damaged(name, $"pixel count {pixels}");
        }

        long expected = reader.Position + (3L * pixels) + 4;
        if (bytes.Length < expected)
        {
            throw Damaged(name, $"cut short ({bytes.Length:N0} of {expected:N0} bytes)");
        }

        if (bytes.Length > expected)
        {
            throw Damaged(name, $"{bytes.Length - expected:N0} bytes past its end");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        if (stored != System.IO.Hashing.Crc32.HashToUInt32(bytes[..^4]))
        {
            throw new SampleFileException(name, "damaged (checksum mismatch)");
        }

        // The checksum holds: what follows can only fail for a file written wrong on purpose or by another tool.
        if (!ColorSpaceNames.TryParse(spaceName, out ColorSpace space))
        {
            throw new SampleFileException(name, $"unknown colour space '{spaceName}'");
        }

        if (count is < 1 or > Shard.MaxCount || index < 0 || index >= count)
        {
            throw new SampleFileException(name, $"inconsistent: shard {index}/{count}");
        }

        var shard = new Shard(index, count);
        if (sampleSeed != PixelSample.ShardSeed(seed, shard))
        {
            throw new SampleFileException(name, "inconsistent: its sample seed does not follow from its seed and shard");
        }

        // More images than a model can record (int.MaxValue) is damage in one part, named here rather than found only in
        // the sum over the parts (probe round 9, finding 8).
        if (capacity is < 1_000 or > PaletteTrainingOptions.MaxSamplePixels || images is < 0 or > int.MaxValue || skipped < 0 || seen < 0
            || pixels != Math.Min(seen, capacity) || (images == 0 && seen != 0))
        {
            throw new SampleFileException(name, $"inconsistent: {pixels:N0} pixels kept of {seen:N0} seen in {images:N0} image(s), capacity {capacity:N0}");
        }

        int[] colors = withColors ? new int[pixels] : [];
        ReadOnlySpan<byte> rgb = bytes.Slice(reader.Position, 3 * pixels);
        for (var i = 0; i < colors.Length; i++)
        {
            colors[i] = (rgb[3 * i] << 16) | (rgb[(3 * i) + 1] << 8) | rgb[(3 * i) + 2];
        }

        return new PixelSample
        {
            ToolVersion = tool,
            ColorSpace = space,
            Seed = seed,
            Shard = shard,
            Capacity = capacity,
            ImageCount = images,
            SkippedCount = skipped,
            PixelsSeen = seen,
            PixelCount = pixels,
            Colors = colors,
        };
    }

    // A length that disagrees with the header: short is most likely a cut (a copy or a write that stopped early).
    private static SampleFileException Damaged(string name, string what) =>
        new(name, what.StartsWith("cut short", StringComparison.Ordinal) ? what : $"damaged ({what})");

    private static byte[] ReadAtMost(Stream stream, int limit, string path)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new SampleFileException(path, $"too large for a sample file (over {limit:N0} bytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes, int position, string name)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; } = position;

        public string Text(string what)
        {
            int length = Take(1)[0];
            if (length > MaxNameBytes)
            {
                throw new SampleFileException(name, $"damaged ({what} of {length} bytes)");
            }

            try
            {
                return StrictUtf8.GetString(Take(length));
            }
            catch (DecoderFallbackException ex)
            {
                throw new SampleFileException(name, $"damaged ({what} is not UTF-8)", ex);
            }
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (Position + count > _bytes.Length)
            {
                throw new SampleFileException(name, "cut short (in its header)");
            }

            ReadOnlySpan<byte> taken = _bytes.Slice(Position, count);
            Position += count;
            return taken;
        }
    }
}
