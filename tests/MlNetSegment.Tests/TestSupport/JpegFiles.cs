using System.Buffers.Binary;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>Rearranges the marker segments of real JPEGs into hostile ones: more scans, cut scans.</summary>
public static class JpegFiles
{
    /// <summary>
    /// <paramref name="progressive"/> with copies of its last spectral-selection scan (one whose Ah is 0, so a copy
    /// just decodes the same coefficients again), each after the Huffman table it uses, added before the EOI until
    /// the file has <paramref name="scans"/> scans. Both decoders accept such a file: libjpeg-turbo warns about the
    /// odd progression and goes on.
    /// </summary>
    public static byte[] WithScans(byte[] progressive, int scans)
    {
        List<(byte Marker, byte[] Bytes)> segments = Segments(progressive);
        int have = segments.Count(s => s.Marker == 0xDA);
        int last = segments.FindLastIndex(s => s.Marker == 0xDA && SpectralStart(s.Bytes) >= 1 && (ApproximationByte(s.Bytes) >> 4) == 0);
        if (last < 1 || segments[last - 1].Marker != 0xC4 || scans < have)
        {
            throw new ArgumentException("Needs a progressive JPEG with a Huffman table before an AC first scan.", nameof(progressive));
        }

        byte[] copy = [.. segments[last - 1].Bytes, .. segments[last].Bytes];
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        foreach ((byte marker, byte[] bytes) in segments)
        {
            if (marker == 0xD9)
            {
                for (int i = have; i < scans; i++)
                {
                    output.Write(copy);
                }
            }

            output.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>
    /// <paramref name="baseline"/> with its scan's entropy-coded data cut to the first <paramref name="fraction"/>,
    /// followed straight by the EOI marker: damaged inside, but a JPEG that ends as JPEGs do.
    /// </summary>
    public static byte[] WithScanCutThenEnd(byte[] baseline, double fraction)
    {
        List<(byte Marker, byte[] Bytes)> segments = Segments(baseline);
        int sos = segments.FindIndex(s => s.Marker == 0xDA);
        byte[] scan = segments[sos].Bytes;
        int header = 2 + BinaryPrimitives.ReadUInt16BigEndian(scan.AsSpan(2));
        int keep = header + (int)((scan.Length - header) * fraction);
        if (scan[keep - 1] == 0xFF)
        {
            keep--; // never leave half a stuffed byte or marker
        }

        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        foreach ((byte _, byte[] bytes) in segments.Take(sos))
        {
            output.Write(bytes);
        }

        output.Write(scan.AsSpan(0, keep));
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>The number of SOS markers in <paramref name="jpeg"/>.</summary>
    public static int CountScans(byte[] jpeg) => Segments(jpeg).Count(s => s.Marker == 0xDA);

    /// <summary>
    /// The marker segments after SOI, each with its bytes; an SOS segment includes the entropy-coded data that
    /// follows it, up to the next marker that is not a restart marker.
    /// </summary>
    public static List<(byte Marker, byte[] Bytes)> Segments(byte[] jpeg)
    {
        var segments = new List<(byte, byte[])>();
        var at = 2;
        while (at + 1 < jpeg.Length)
        {
            byte marker = jpeg[at + 1];
            if (marker == 0xD9)
            {
                segments.Add((marker, jpeg[at..(at + 2)]));
                break;
            }

            int end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            if (marker == 0xDA)
            {
                while (!(jpeg[end] == 0xFF && jpeg[end + 1] != 0 && jpeg[end + 1] is < 0xD0 or > 0xD7))
                {
                    end++;
                }
            }

            segments.Add((marker, jpeg[at..end]));
            at = end;
        }

        return segments;
    }

    // SOS: FF DA, length (2), Ns, Ns × (Cs, Td/Ta), Ss, Se, Ah/Al.
    private static int SpectralStart(byte[] sos) => sos[5 + (2 * sos[4])];

    private static int ApproximationByte(byte[] sos) => sos[7 + (2 * sos[4])];
}
