namespace MlNetSegment.Regions;

/// <summary>
/// Labels the 8-connected components of equal cluster labels: pixels that touch by a side or a corner and carry the
/// same label belong to one region. Regions are numbered 1, 2, … in raster order of their first pixel; 0 marks the
/// excluded (fully transparent) pixels, which belong to no region.
/// </summary>
internal static class ConnectedRegions
{
    /// <summary>
    /// How many first-pass (provisional) ids per allowed region <see cref="CountIsAtMost"/> tolerates before giving up.
    /// On photos the first pass makes 2 to 5 ids per final region (a U-shaped region starts twice); 16 leaves room for
    /// far more ragged shapes.
    /// </summary>
    public const int ProvisionalPerRegion = 16;

    /// <summary>
    /// Whether the 8-connected components number at most <paramref name="maxRegions"/>, found with two rows of ids
    /// and a union-find table of at most <see cref="ProvisionalPerRegion"/> × <paramref name="maxRegions"/> entries,
    /// never an id per pixel: noise makes tens of millions of components, and this answers "too many" for it in a few
    /// megabytes. Components = first-pass ids − joins of two different roots.
    /// </summary>
    public static bool CountIsAtMost(ReadOnlySpan<byte> labels, int width, int height, ReadOnlySpan<byte> alpha, int maxRegions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegions, 1);
        if (labels.Length != (long)width * height || (!alpha.IsEmpty && alpha.Length != labels.Length))
        {
            throw new ArgumentException("The label and alpha buffers must hold width × height values.", nameof(labels));
        }

        long maxProvisional = Math.Min((long)maxRegions * ProvisionalPerRegion, int.MaxValue - 1);
        var parent = new List<int> { 0 };
        var previous = new int[width];
        var current = new int[width];
        long joins = 0;
        for (var y = 0; y < height; y++)
        {
            int row = y * width;
            for (var x = 0; x < width; x++)
            {
                int i = row + x;
                current[x] = 0;
                if (!alpha.IsEmpty && alpha[i] == 0)
                {
                    continue;
                }

                byte label = labels[i];
                int id = 0;
                if (x > 0 && current[x - 1] != 0 && labels[i - 1] == label)
                {
                    id = Join(parent, id, current[x - 1], ref joins);
                }

                if (y > 0)
                {
                    int up = i - width;
                    if (x > 0 && previous[x - 1] != 0 && labels[up - 1] == label)
                    {
                        id = Join(parent, id, previous[x - 1], ref joins);
                    }

                    if (previous[x] != 0 && labels[up] == label)
                    {
                        id = Join(parent, id, previous[x], ref joins);
                    }

                    if (x < width - 1 && previous[x + 1] != 0 && labels[up + 1] == label)
                    {
                        id = Join(parent, id, previous[x + 1], ref joins);
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

                current[x] = id;
            }

            (previous, current) = (current, previous);
        }

        return parent.Count - 1 - joins <= maxRegions;
    }

    /// <summary>
    /// Returns a region id per pixel (row-major) and the number of regions. Pixels whose <paramref name="alpha"/> is
    /// 0 get id 0 and connect nothing; an empty <paramref name="alpha"/> means every pixel is opaque.
    /// </summary>
    public static (int[] Ids, int Count) Label(ReadOnlySpan<byte> labels, int width, int height, ReadOnlySpan<byte> alpha = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (labels.Length != (long)width * height || (!alpha.IsEmpty && alpha.Length != labels.Length))
        {
            throw new ArgumentException("The label and alpha buffers must hold width × height values.", nameof(labels));
        }

        // Two passes with union-find over provisional ids (path-halving), then renumbering in raster order.
        var ids = new int[labels.Length];
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
                    parent.Add(id);
                }

                ids[i] = id;
            }
        }

        var final = new int[parent.Count];
        var count = 0;
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

        return (ids, count);
    }

    private static int Join(List<int> parent, int current, int other)
    {
        long ignored = 0;
        return Join(parent, current, other, ref ignored);
    }

    private static int Join(List<int> parent, int current, int other, ref long joins)
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
        joins++;
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
