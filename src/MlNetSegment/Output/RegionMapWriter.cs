using MlNetSegment.IO;
using MlNetSegment.Regions;

namespace MlNetSegment.Output;

/// <summary>
/// Writes a <see cref="RegionMap"/> as a 16-bit greyscale PNG whose value is the region id (1..R; 0 for transparent
/// pixels), the format of BSDS500's exported annotations, so <c>evaluate</c> reads it directly.
/// </summary>
internal static class RegionMapWriter
{
    /// <summary>Writes <paramref name="map"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="InvalidOperationException">The map has more regions than 16 bits can number.</exception>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static void Write(string path, RegionMap map, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(map);
        AtomicFile.Write(path, stream => Write(stream, map, path), overwrite);
    }

    /// <summary>Encodes <paramref name="map"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, RegionMap map, string name = "region map")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(map);
        if (map.RegionCount > RegionMap.MaxRegionsIn16Bits)
        {
            // Refused rather than wrapped: ids past 65,535 would silently alias other regions.
            throw new InvalidOperationException(
                $"{name}: {map.RegionCount:N0} regions do not fit a 16-bit map (at most {RegionMap.MaxRegionsIn16Bits:N0}); raise the minimum region size");
        }

        // Straight from the ids, row by row: an L16 copy for ImageSharp's encoder would be 200 MB more at 100 MP.
        IndexedPngWriter.WriteGray16(stream, map.Ids, map.Width, map.Height);
    }
}
