namespace MlNetSegment.Regions;

/// <summary>
/// A region id per pixel, row-major: regions are 1..<see cref="RegionCount"/>, numbered in raster order of their
/// first pixel, each one 8-connected; id 0 marks fully transparent pixels, which belong to no region.
/// </summary>
internal sealed class RegionMap
{
    /// <summary>Creates a region map; <paramref name="clusterOfRegion"/>[id] is the cluster of region id (entry 0 unused).</summary>
    public RegionMap(int width, int height, int[] ids, int regionCount, byte[] clusterOfRegion)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(clusterOfRegion);
        if (ids.Length != (long)width * height || clusterOfRegion.Length != regionCount + 1)
        {
            throw new ArgumentException("Ids must hold width × height values and clusters one entry per region plus one.", nameof(ids));
        }

        Width = width;
        Height = height;
        Ids = ids;
        RegionCount = regionCount;
        ClusterOfRegion = clusterOfRegion;
    }

    /// <summary>Largest region count a 16-bit region map can hold.</summary>
    public const int MaxRegionsIn16Bits = ushort.MaxValue;

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Region id per pixel, row-major; 0 for transparent pixels.</summary>
    public int[] Ids { get; }

    /// <summary>Number of regions.</summary>
    public int RegionCount { get; }

    /// <summary>The cluster (palette index) of each region, indexed by region id; entry 0 is unused.</summary>
    public byte[] ClusterOfRegion { get; }

    /// <summary>Pixels per region, indexed by region id; entry 0 counts transparent pixels.</summary>
    public long[] CountPixels()
    {
        var counts = new long[RegionCount + 1];
        foreach (int id in Ids)
        {
            counts[id]++;
        }

        return counts;
    }
}
