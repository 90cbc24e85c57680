namespace MlNetSegment;

/// <summary>
/// A cluster index per pixel, row-major. Pixels that were fully transparent in the input were not clustered: they
/// have label 0 and <see cref="IsTransparent"/> says so.
/// </summary>
public sealed class LabelMap
{
    /// <summary>Creates a label map; <paramref name="alpha"/> is null when every pixel was opaque.</summary>
    public LabelMap(int width, int height, int clusterCount, byte[] labels, byte[]? alpha)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != (long)width * height || (alpha is not null && alpha.Length != labels.Length))
        {
            throw new ArgumentException("Label and alpha buffers must hold width × height values.", nameof(labels));
        }

        Width = width;
        Height = height;
        ClusterCount = clusterCount;
        Labels = labels;
        Alpha = alpha;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of clusters; labels are below it.</summary>
    public int ClusterCount { get; }

    /// <summary>Cluster index per pixel, row-major.</summary>
    public byte[] Labels { get; }

    /// <summary>The input's alpha per pixel, or null when the input was fully opaque.</summary>
    public byte[]? Alpha { get; }

    /// <summary>True when some pixel was fully transparent and so carries no cluster.</summary>
    public bool HasTransparency => Alpha is not null;

    /// <summary>True when pixel <paramref name="index"/> was fully transparent.</summary>
    public bool IsTransparent(int index) => Alpha is not null && Alpha[index] == 0;

    /// <summary>The label row <paramref name="y"/>.</summary>
    public ReadOnlySpan<byte> GetRow(int y) => Labels.AsSpan(y * Width, Width);

    /// <summary>Pixels per cluster, and the number of transparent (unclustered) pixels.</summary>
    public (long[] PerCluster, long Transparent) CountPixels()
    {
        var counts = new long[ClusterCount];
        long transparent = 0;
        for (var i = 0; i < Labels.Length; i++)
        {
            if (IsTransparent(i))
            {
                transparent++;
            }
            else
            {
                counts[Labels[i]]++;
            }
        }

        return (counts, transparent);
    }

    /// <summary>An alpha plane of <paramref name="length"/> opaque pixels, filled in where a pixel is not.</summary>
    internal static byte[] NewOpaqueAlpha(int length)
    {
        var alpha = new byte[length];
        alpha.AsSpan().Fill(255);
        return alpha;
    }
}
