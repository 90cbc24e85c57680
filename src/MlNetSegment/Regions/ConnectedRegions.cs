namespace MlNetSegment.Regions;

/// <summary>
/// Labels the 8-connected components of equal cluster labels: pixels that touch by a side or a corner and carry the
/// same label belong to one region. Regions are numbered 1, 2, … in raster order of their first pixel; 0 marks the
/// excluded (fully transparent) pixels, which belong to no region.
/// </summary>
public static class ConnectedRegions
{
    /// <summary>
    /// How many first-pass (provisional) ids per allowed region <see cref="TryLabel"/> tolerates before giving up. On
    /// photos the first pass makes 2 to 5 ids per final region (a U-shaped region starts twice); 16 leaves room for
    /// far more ragged shapes.
    /// </summary>
    public const int ProvisionalPerRegion = 16;

    /// <summary>
    /// Returns a region id per pixel (row-major) and the number of regions. Pixels whose <paramref name="alpha"/> is
    /// 0 get id 0 and connect nothing; an empty <paramref name="alpha"/> means every pixel is opaque.
    /// </summary>
    public static (int[] Ids, int Count) Label(ReadOnlySpan<byte> labels, int width, int height, ReadOnlySpan<byte> alpha = default)
    {
        TryLabel(labels, width, height, alpha, int.MaxValue, out int[] ids, out int count);
        return (ids, count);
    }

    /// <summary>
    /// As <see cref="Label"/>, but gives up and returns false once the image is known to split into more than
    /// <paramref name="maxRegions"/> regions: when the final count exceeds it, or as soon as the provisional ids of the
    /// first pass exceed <see cref="ProvisionalPerRegion"/> times it (noise makes tens of millions of them, and their
    /// union-find table would cost more memory than the ids themselves). <paramref name="count"/> is then 0.
    /// </summary>
    public static bool TryLabel(
        ReadOnlySpan<byte> labels, int width, int height, ReadOnlySpan<byte> alpha, int maxRegions, out int[] ids, out int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (labels.Length != (long)width * height || (!alpha.IsEmpty && alpha.Length != labels.Length))
        {
            throw new ArgumentException("The label and alpha buffers must hold width × height values.", nameof(labels));
        }

        // Two passes with union-find over provisional ids (path-halving), then renumbering in raster order.
        ids = new int[labels.Length];
        count = 0;
        long maxProvisional = Math.Min((long)maxRegions * ProvisionalPerRegion, int.MaxValue);
        var parent = new List<int> { 0 };
        for (var y = 0; y < height; y++)
        {
            int row = y * width;
            for (var x = 0; x < width; x++)
            {
                int i = row + x;
                if (!alpha.IsEmpty && alpha[i] == 0)
                {
                    continue;
                }

                byte label = labels[i];
                int id = 0;

                // Already-visited 8-neighbours: W, NW, N, NE.
                if (x > 0 && ids[i - 1] != 0 && labels[i - 1] == label)
                {
                    id = Join(parent, id, ids[i - 1]);
                }

                if (y > 0)
                {
                    int up = i - width;
                    if (x > 0 && ids[up - 1] != 0 && labels[up - 1] == label)
                    {
                        id = Join(parent, id, ids[up - 1]);
                    }

                    if (ids[up] != 0 && labels[up] == label)
                    {
                        id = Join(parent, id, ids[up]);
                    }

                    if (x < width - 1 && ids[up + 1] != 0 && labels[up + 1] == label)
                    {
                        id = Join(parent, id, ids[up + 1]);
                    }
                }

                if (id == 0)
                {
                    id = parent.Count;
                    if (id > maxProvisional)
                    {
                        return false;
                    }

                    parent.Add(id);
                }

                ids[i] = id;
            }
        }

        var final = new int[parent.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            int provisional = ids[i];
            if (provisional == 0)
            {
                continue;
            }

            int root = Find(parent, provisional);
            if (final[root] == 0)
            {
                final[root] = ++count;
            }

            ids[i] = final[root];
        }

        return count <= maxRegions;
    }

    private static int Join(List<int> parent, int current, int other)
    {
        int b = Find(parent, other);
        if (current == 0)
        {
            return b;
        }

        int a = Find(parent, current);
        if (a == b)
        {
            return a;
        }

        // The lower id becomes the root, so the result does not depend on the order of the joins.
        if (a < b)
        {
            parent[b] = a;
            return a;
        }

        parent[a] = b;
        return b;
    }

    private static int Find(List<int> parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
