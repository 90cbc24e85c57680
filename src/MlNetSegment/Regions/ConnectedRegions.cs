namespace MlNetSegment.Regions;

/// <summary>
/// Labels the 8-connected components of equal cluster labels: pixels that touch by a side or a corner and carry the
/// same label belong to one region. Regions are numbered 1, 2, … in raster order of their first pixel; 0 marks the
/// excluded (fully transparent) pixels, which belong to no region.
/// </summary>
public static class ConnectedRegions
{
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
