using System.Buffers.Binary;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace MlNetSegment.Imaging;

/// <summary>
/// The guard every reader of a PNG or JPEG passes before any decoder sees the file (<see cref="ImageLoader"/> for
/// images, <c>LabelImageReader</c> for label maps, both decoders, <see cref="ImageLoader.Probe"/>): it walks the
/// container's chunk or segment headers only (length and type, then a seek past the data; a JPEG's entropy-coded data
/// is searched for the next marker; nothing is inflated or decoded) and refuses metadata floods and JPEG scan floods,
/// then reports the EXIF orientation, which our own configuration of ImageSharp
/// no longer reads (its decoders run with <c>IgnoreMetadata</c>, so they never inflate a PNG text chunk nor copy a
/// JPEG's APPn segments).
/// </summary>
/// <remarks>
/// Why: ImageSharp 2.1.13 inflates zTXt and compressed iTXt chunks without a limit while it reads the header, so a
/// 1 MB PNG took 2.9 GB and ran out of memory in <c>Identify</c>, before any size check; and it appends each APP1
/// (EXIF) and APP2 (ICC) segment of a JPEG to the previous ones, about 2 MB/s (40–50 s for 60 MB). libpng (Skia)
/// caps chunk allocations itself and libjpeg-turbo skips the segments in linear time, but the cap below bounds both.
/// </remarks>
internal static class ContainerScan
{
    /// <summary>Largest total of a PNG's text chunks (tEXt, zTXt, iTXt) and of a JPEG's APPn and COM segments, as stored.</summary>
    public const long MaxMetadataBytes = 16L << 20;

    /// <summary>
    /// Most scans a JPEG may have. Skia's codec (the native decoder) already aborts libjpeg-turbo when the 100th scan
    /// starts, because each scan of a progressive JPEG is a pass over every block of the image, so thousands of tiny
    /// scans are minutes of work; ImageSharp has no such limit (a 230 KB file of 5,006 scans took 64 s). The walk
    /// counts them for both decoders, so both refuse the same files with the same message. Normal progressive JPEGs
    /// have about 10 (libjpeg's default script: 10 for colour, 6 for grey).
    /// </summary>
    public const int MaxJpegScans = 99;

    /// <summary>Larger EXIF blocks are not parsed for the orientation, which lives in their first bytes.</summary>
    private const int MaxExifBytes = 1 << 20;

    private static ReadOnlySpan<byte> ExifPrefix => "Exif\0\0"u8;

    /// <summary>What the headers say.</summary>
    /// <param name="Orientation">EXIF orientation 1–8 (1 when absent, unreadable or out of range).</param>
    /// <param name="Png">The PNG's IHDR, or null (JPEG, or no complete IHDR: the decoder reports the damage).</param>
    /// <param name="SplitZlibHeader">A PNG whose first IDAT chunk holds fewer than the zlib header's 2 bytes, or with
    /// an empty IDAT chunk: legal, and libpng reads it, but ImageSharp 2.1.13 reads the zlib header from the first
    /// chunk without looking at its length (so it takes the chunk's CRC for it and fails) and takes an empty chunk for
    /// the end of the data (two in a row leave the rest of the image transparent). libpng decodes it instead.</param>
    /// <param name="EndsEarly">A PNG whose chunks end before IEND (a cut-off file, or a chunk length past the end):
    /// ImageSharp 2.1.13 leaves the rows it did not get transparent and says nothing, so a truncated photo was
    /// segmented, and one cut off before its first row was "no opaque pixels" (probe round 8, finding 8); libpng
    /// reports the missing rows, and decodes the file when only IEND is missing, so both decoders agree.</param>
    internal readonly record struct Result(
        ushort Orientation,
        PngHeaderScan.Header? Png = null,
        bool SplitZlibHeader = false,
        bool EndsEarly = false)
    {
        /// <summary>
        /// ImageSharp 2.1.13 misreads this PNG, or reads it otherwise than libpng; see the parameters and
        /// <see cref="OddTransparency"/>. So does every 16-bit PNG: libpng keeps a sample's high byte where ImageSharp
        /// rounds (0x00FF is 0 or 1; probe round 10), and ImageSharp reads a 16-bit tRNS colour key's samples
        /// little-endian, so never matches them and leaves those pixels opaque. Adam7 interlacing is one more such case.
        /// </summary>
        public bool NeedsLibpng => SplitZlibHeader || EndsEarly || OddTransparency || Png is { BitDepth: 16 };

        /// <summary>
        /// A tRNS chunk the PNG specification does not allow and the two decoders read differently (probe round 8,
        /// finding 7, and round 9, finding 5): a palette PNG's with more entries than its PLTE (libpng drops the whole
        /// tRNS, every colour opaque, where ImageSharp 2.1.13 applied it), a grey or RGB PNG's whose length is wrong or
        /// whose key is out of the bit depth's range (libpng masks the key to the depth, ImageSharp compared it whole),
        /// and one in a PNG that has an alpha channel. Encoders do write such files (some pad tRNS to 256 entries), so
        /// they are read, by libpng, and both decoders give the same pixels.
        /// </summary>
        public bool OddTransparency { get; init; }
    }

    /// <summary>
    /// Walks the PNG in <paramref name="stream"/> (positioned at its signature) up to IEND or the end of the data.
    /// The stream position is left anywhere.
    /// </summary>
    /// <exception cref="ImageLoadException">Its text chunks total more than <see cref="MaxMetadataBytes"/>.</exception>
    public static Result Png(Stream stream, string name)
    {
        long start = stream.Position;
        PngHeaderScan.Header? ihdr = PngHeaderScan.Read(stream);
        if (ihdr?.Problem() is { } invalid)
        {
            throw new ImageLoadException(name, ImageProblem.Corrupt, invalid);
        }

        bool palette = ihdr is { ColorType: 3 };
        long paletteEntries = -1; // no PLTE yet
        bool oddTransparency = false;
        stream.Position = start + 8;
        Span<byte> header = stackalloc byte[8];
        long length = stream.Length;
        long text = 0;
        ushort orientation = 1;
        bool exifSeen = false;
        bool idatSeen = false;
        bool splitZlibHeader = false;
        bool iendSeen = false;
        bool ihdrSeen = false;
        while (stream.Position + 12 <= length)
        {
            stream.ReadExactly(header);
            uint chunkSize = BinaryPrimitives.ReadUInt32BigEndian(header);
            ReadOnlySpan<byte> type = header[4..];
            if (type.SequenceEqual("IEND"u8))
            {
                iendSeen = true;
                break;
            }

            if (chunkSize > int.MaxValue)
            {
                break; // not a PNG length (PNG specification, 5.3): libpng refuses it
            }

            if (!IsChunkType(type))
            {
                // libpng refuses these too ("invalid chunk type"), but only after reading its way there: a header
                // followed by gigabytes of zeros is hundreds of millions of empty chunks named \0\0\0\0 (60 s).
                throw new ImageLoadException(name, ImageProblem.Corrupt, "a PNG chunk type that is not four ASCII letters");
            }

            if (type.SequenceEqual("tEXt"u8) || type.SequenceEqual("zTXt"u8) || type.SequenceEqual("iTXt"u8))
            {
                text += Math.Min(chunkSize, length - stream.Position); // what is there, not what the header claims
                if (text > MaxMetadataBytes)
                {
                    throw new ImageLoadException(
                        name, ImageProblem.ExcessiveMetadata, $"PNG text chunks of over {Megabytes(MaxMetadataBytes)} MB");
                }
            }
            else if (type.SequenceEqual("IHDR"u8))
            {
                // libpng refuses a second one, ImageSharp read the file (probe round 10).
                if (ihdrSeen)
                {
                    throw new ImageLoadException(name, ImageProblem.Corrupt, "a second IHDR chunk");
                }

                ihdrSeen = true;
            }
            else if (type.SequenceEqual("PLTE"u8) && palette && paletteEntries >= 0)
            {
                throw new ImageLoadException(name, ImageProblem.Corrupt, "a second PLTE chunk");
            }
            else if (type.SequenceEqual("PLTE"u8) && palette)
            {
                // libpng refuses these palettes and Skia calls that "ends early"; ImageSharp used the whole entries.
                if (chunkSize is 0 or > 768 || chunkSize % 3 != 0)
                {
                    throw new ImageLoadException(name, ImageProblem.Corrupt, $"a PLTE chunk of {chunkSize} bytes (1 to 256 colours of 3 bytes)");
                }

                paletteEntries = chunkSize / 3;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                if (palette && paletteEntries < 0)
                {
                    throw new ImageLoadException(name, ImageProblem.Corrupt, "a palette PNG without a PLTE chunk before its image data");
                }

                splitZlibHeader |= chunkSize == 0 || (!idatSeen && chunkSize < 2);
                idatSeen = true;
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                // A palette's tRNS before its PLTE too: the decoders read it differently (probe round 10).
                oddTransparency |= palette ? paletteEntries < 0 || chunkSize > paletteEntries : ihdr is { } h && OddColourKey(stream, h, chunkSize);
            }
            else if (!exifSeen && type.SequenceEqual("eXIf"u8))
            {
                exifSeen = true;
                if (chunkSize <= MaxExifBytes && stream.Position + chunkSize <= length)
                {
                    long next = stream.Position + chunkSize + 4;
                    orientation = ParseOrientation(stream, (int)chunkSize);
                    stream.Position = next;
                    continue;
                }
            }

            long after = stream.Position + chunkSize + 4L; // data and CRC
            if (after > length)
            {
                break; // ends early: the decoder reports it (a MemoryStream cannot even seek there)
            }

            stream.Position = after;
        }

        return new Result(orientation, ihdr, splitZlibHeader, EndsEarly: !iendSeen) { OddTransparency = oddTransparency };
    }

    // A grey or RGB PNG's tRNS (a colour key) that is not one sample per channel within the bit depth, or any tRNS in a
    // PNG with an alpha channel (PNG specification, 11.3.2.1). Reads the key's bytes and puts the stream back.
    private static bool OddColourKey(Stream stream, PngHeaderScan.Header ihdr, uint chunkSize)
    {
        int samples = ihdr.ColorType switch
        {
            0 => 1,
            2 => 3,
            _ => 0,
        };
        if (samples == 0 || chunkSize != 2 * samples)
        {
            return true;
        }

        long dataStart = stream.Position;
        Span<byte> key = stackalloc byte[6];
        int read = stream.ReadAtLeast(key[..(2 * samples)], 2 * samples, throwOnEndOfStream: false);
        stream.Position = dataStart;
        int max = (1 << ihdr.BitDepth) - 1;
        for (var i = 0; i + 1 < read; i += 2)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(key[i..]) > max)
            {
                return true;
            }
        }

        return false;
    }

    // PNG chunk types are four ASCII letters (PNG specification, 5.4).
    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Walks the JPEG in <paramref name="stream"/> (positioned at its SOI marker) marker by marker to its EOI, counting
    /// its scans. The stream position is left anywhere.
    /// </summary>
    /// <exception cref="ImageLoadException">
    /// Its APPn and COM segments total more than <see cref="MaxMetadataBytes"/>, it has more than
    /// <see cref="MaxJpegScans"/> scans, or the data ends before its EOI marker.
    /// </exception>
    public static Result Jpeg(Stream stream, string name)
    {
        long length = stream.Length;
        Span<byte> two = stackalloc byte[2];
        if (stream.ReadAtLeast(two, 2, throwOnEndOfStream: false) != 2 || two[0] != 0xFF || two[1] != 0xD8)
        {
            return new Result(1);
        }

        using var reader = new JpegMarkerReader(stream);
        long metadata = 0;
        var scans = 0;
        ushort orientation = 1;
        bool exifSeen = false;
        while (true)
        {
            int marker = reader.NextMarker();
            if (marker < 0)
            {
                throw EndsEarly(name);
            }

            if (marker is 0xD9 or 0xD8)
            {
                break; // EOI, or a second SOI (damage the decoders report)
            }

            int segment = reader.ReadUInt16();
            if (segment < 0)
            {
                throw EndsEarly(name);
            }

            if (segment < 2)
            {
                break; // an impossible length: the decoder reports it
            }

            long next = reader.Position + segment - 2;
            if (next > length)
            {
                throw EndsEarly(name);
            }

            if (marker == 0xDA && ++scans > MaxJpegScans)
            {
                throw new ImageLoadException(
                    name, ImageProblem.TooManyScans, $"over {MaxJpegScans}; progressive encoders write about 10");
            }

            if (marker is (>= 0xE0 and <= 0xEF) or 0xFE)
            {
                metadata += segment;
                if (metadata > MaxMetadataBytes)
                {
                    throw new ImageLoadException(
                        name, ImageProblem.ExcessiveMetadata, $"JPEG APPn and COM segments of over {Megabytes(MaxMetadataBytes)} MB");
                }

                if (marker == 0xE1 && !exifSeen && segment - 2 > ExifPrefix.Length)
                {
                    var data = new byte[segment - 2];
                    if (reader.TryRead(data) && data.AsSpan().StartsWith(ExifPrefix))
                    {
                        exifSeen = true;
                        orientation = ParseOrientation(data);
                    }
                }
            }

            // After an SOS header comes its entropy-coded data, which NextMarker passes over to the next marker.
            reader.MoveTo(next);
        }

        return new Result(orientation);
    }

    // A JPEG must reach its EOI marker. libjpeg-turbo in Skia refuses one that stops before it (it waits for data
    // that never comes, even when only the EOI is missing), while ImageSharp fills in the rest of the image; deciding
    // here gives both decoders the verdict the README states. A scan cut short but followed by a marker (damage
    // inside the file rather than a cut-off file) is not seen here: both decoders take it as a warning, which
    // neither reports, and telling it apart would mean decoding the Huffman data ourselves.
    private static ImageLoadException EndsEarly(string name) =>
        new(name, ImageProblem.Corrupt, "the image data ends early, before its end-of-image marker");

    /// <summary>Parses <paramref name="size"/> bytes of EXIF (with or without the "Exif\0\0" prefix) with ImageSharp's <see cref="ExifProfile"/>.</summary>
    internal static ushort ParseOrientation(Stream stream, int size)
    {
        var data = new byte[size];
        stream.ReadExactly(data);
        return ParseOrientation(data);
    }

    /// <summary>Parses EXIF (with or without the "Exif\0\0" prefix) with ImageSharp's <see cref="ExifProfile"/>.</summary>
    private static ushort ParseOrientation(byte[] data)
    {
        if (data.AsSpan().StartsWith(ExifPrefix))
        {
            data = data[ExifPrefix.Length..];
        }

        try
        {
            ushort value = new ExifProfile(data).GetValue(ExifTag.Orientation)?.Value ?? 1;
            return value is >= 1 and <= 8 ? value : (ushort)1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Damaged EXIF only loses the orientation, as in ImageSharp's own decoder.
            return 1;
        }
    }

    private static long Megabytes(long bytes) => bytes >> 20;
}
