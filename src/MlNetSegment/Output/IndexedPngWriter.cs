using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Output;

/// <summary>
/// Writes PNGs straight from a buffer of indices: an 8-bit palette image (colour type 3) for a segmented image, whose
/// pixels are palette indices already, an 8-bit greyscale image (colour type 0) for a label map, or a 16-bit
/// greyscale image for a region map.
/// </summary>
/// <remarks>
/// Hand-written because the library path was the bottleneck: ImageSharp rebuilt an RGB image and then encoded it,
/// 0.45–0.6 s for 12 MP at deflate level 1 (0.25 s more for the label map), while the indices are already the pixel
/// data of an indexed PNG. PNG is a simple container (<see cref="PngChunks"/>): IDAT holds zlib of rows each led by a
/// filter byte. Filter "Up" is used on every row: label maps are vertically coherent, so
/// most filtered bytes are zero and deflate at its fastest level compresses them well.
/// </remarks>
internal static class IndexedPngWriter
{
    /// <summary>Writes a palette PNG: pixel (x, y) has colour <c>palette[indices[y * width + x]]</c>.</summary>
    public static void WritePalette(Stream stream, ReadOnlySpan<byte> indices, int width, int height, IReadOnlyList<Rgb24> palette)
    {
        ArgumentNullException.ThrowIfNull(palette);
        if (palette.Count is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(palette), palette.Count, "A PNG palette holds 1 to 256 colours.");
        }

        var plte = new byte[palette.Count * 3];
        for (var i = 0; i < palette.Count; i++)
        {
            plte[i * 3] = palette[i].R;
            plte[(i * 3) + 1] = palette[i].G;
            plte[(i * 3) + 2] = palette[i].B;
        }

        Write(stream, indices, width, height, colorType: 3, plte);
    }

    /// <summary>Writes an 8-bit greyscale PNG whose grey values are <paramref name="values"/>.</summary>
    public static void WriteGray(Stream stream, ReadOnlySpan<byte> values, int width, int height) =>
        Write(stream, values, width, height, colorType: 0, plte: null);

    private static void Write(Stream stream, ReadOnlySpan<byte> pixels, int width, int height, byte colorType, byte[]? plte)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException("The buffer must hold width × height bytes.", nameof(pixels));
        }

        PngChunks.WriteHeader(stream, width, height, bitDepth: 8, colorType, plte);
        using (Stream idat = PngChunks.IdatStream(stream))
        {
            using var zlib = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true);
            var row = new byte[width + 1];
            row[0] = 2; // Up: each byte minus the byte above (the first row is compared with zeros).
            ReadOnlySpan<byte> previous = default;
            for (var y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> current = pixels.Slice(y * width, width);
                if (y == 0)
                {
                    current.CopyTo(row.AsSpan(1));
                }
                else
                {
                    for (var x = 0; x < width; x++)
                    {
                        row[x + 1] = (byte)(current[x] - previous[x]);
                    }
                }

                zlib.Write(row);
                previous = current;
            }
        }

        PngChunks.WriteEnd(stream);
    }

    /// <summary>
    /// Writes an 8-bit PNG of <paramref name="colorType"/> (4 grey + alpha, 6 RGBA) whose row y
    /// <paramref name="fillRow"/> writes into the span it is given: an image with transparency straight from its
    /// labels and alpha, never as a full-size image first.
    /// </summary>
    /// <remarks>
    /// Before, such an image was rendered whole (400 MB at 100 MP) and ImageSharp deflated all of it into a memory
    /// stream before copying it out; with the label map written beside it, a 100 MP image with transparency and every
    /// output flag peaked at 2.1 GB (probe F7).
    /// </remarks>
    public static void WriteRows(Stream stream, int width, int height, byte colorType, RowFiller fillRow)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fillRow);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int channels = colorType switch
        {
            4 => 2,
            6 => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(colorType), colorType, "Row writing takes grey + alpha (4) or RGBA (6)."),
        };
        WriteUpFiltered(stream, width, height, bitDepth: 8, colorType, checked(channels * width), fillRow);
    }

    /// <summary>
    /// Writes a 16-bit greyscale PNG whose grey values are <paramref name="values"/>, each from 0 to 65,535: a region
    /// map, row by row from the ids, never as a second full-size image.
    /// </summary>
    public static void WriteGray16(Stream stream, int[] values, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (values.Length != (long)width * height)
        {
            throw new ArgumentException("The buffer must hold width × height values.", nameof(values));
        }

        WriteUpFiltered(stream, width, height, bitDepth: 16, colorType: 0, checked(2 * width), (y, row) =>
        {
            ReadOnlySpan<int> source = values.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                int value = source[x];
                if ((uint)value > ushort.MaxValue)
                {
                    throw new ArgumentOutOfRangeException(nameof(values), value, "A 16-bit PNG holds values from 0 to 65,535.");
                }

                BinaryPrimitives.WriteUInt16BigEndian(row[(2 * x)..], (ushort)value);
            }
        });
    }

    // Rows that fillRow writes, each filtered "Up" (minus the row above) before deflate: the one loop behind the
    // row-by-row writers (RGBA, grey + alpha, 16-bit grey).
    private static void WriteUpFiltered(Stream stream, int width, int height, byte bitDepth, byte colorType, int stride, RowFiller fillRow)
    {
        PngChunks.WriteHeader(stream, width, height, bitDepth, colorType, plte: null);
        using (Stream idat = PngChunks.IdatStream(stream))
        {
            using var zlib = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true);
            var row = new byte[stride + 1];
            var previous = new byte[stride];
            var current = new byte[stride];
            row[0] = 2; // Up, as in the indexed writer.
            for (var y = 0; y < height; y++)
            {
                fillRow(y, current);
                for (var i = 0; i < stride; i++)
                {
                    row[i + 1] = (byte)(current[i] - previous[i]);
                }

                zlib.Write(row);
                (previous, current) = (current, previous);
            }
        }

        PngChunks.WriteEnd(stream);
    }

    /// <summary>Fills row <paramref name="y"/> of an image being written.</summary>
    /// <param name="y">The row.</param>
    /// <param name="row">Its bytes, channels interleaved.</param>
    public delegate void RowFiller(int y, Span<byte> row);
}
