namespace MlNetSegment.Regions;

/// <summary>The two merges that turn K-means fragments into regions, working on a <see cref="RegionGraph"/>.</summary>
internal static class RegionMerger
{
    /// <summary>
    /// Merges every region smaller than <paramref name="minPixels"/>, smallest first (ties: lowest id), into the
    /// neighbour chosen by <paramref name="rule"/>; the neighbour keeps its id and, if still too small, is queued again.
    /// A region with no neighbour (the whole image) stays.
    /// </summary>
    public static void MergeSmall(RegionGraph graph, long minPixels, SmallRegionMergeRule rule)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var queue = new PriorityQueue<int, (long Size, int Id)>();
        for (var id = 1; id <= graph.InitialCount; id++)
        {
            long size = graph.SizeOf(id);
            if (graph.IsAlive(id) && size < minPixels)
            {
                queue.Enqueue(id, (size, id));
            }
        }

        while (queue.TryDequeue(out int id, out var key))
        {
            // Entries go stale when the region has grown or died since it was queued.
            if (!graph.IsAlive(id) || graph.SizeOf(id) != key.Size)
            {
                continue;
            }

            IReadOnlyDictionary<int, int> neighbours = graph.NeighboursOf(id);
            if (neighbours.Count == 0)
            {
                continue;
            }

            int into = rule == SmallRegionMergeRule.LongestBorder ? LongestBorder(neighbours) : ClosestColor(graph, id, neighbours);
            graph.Merge(id, into);
            if (graph.SizeOf(into) < minPixels)
            {
                queue.Enqueue(into, (graph.SizeOf(into), into));
            }
        }
    }

    /// <summary>
    /// Greedily merges the adjacent pair with the nearest mean colour features while that distance is below
    /// <paramref name="threshold"/>. The larger region survives (ties: the lower id); distances to the survivor's
    /// neighbours are recomputed after each merge.
    /// </summary>
    public static void MergeSimilar(RegionGraph graph, double threshold) =>
        MergeAdjacent(graph, new AdjacentMergeCriteria(threshold));

    /// <summary>
    /// Greedily merges the adjacent pair of lowest <see cref="AdjacentMergeCriteria.Weight"/> while that weight is below
    /// the threshold and more than <see cref="AdjacentMergeCriteria.MinRegions"/> regions are left, and regardless of
    /// the weight while more than <see cref="AdjacentMergeCriteria.MaxRegions"/> are left. The larger region survives
    /// (ties: the lower id); weights to the survivor's neighbours are recomputed after each merge.
    /// </summary>
    public static void MergeAdjacent(RegionGraph graph, AdjacentMergeCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Threshold <= 0 && criteria.MaxRegions <= 0)
        {
            return;
        }

        // Version counters mark queued pairs stale once either region has changed.
        var version = new int[graph.InitialCount + 1];
        var queue = new PriorityQueue<(int I, int J, int VersionI, int VersionJ), (double Weight, int I, int J)>();
        for (var i = 1; i <= graph.InitialCount; i++)
        {
            if (!graph.IsAlive(i))
            {
                continue;
            }

            foreach (int j in graph.NeighboursOf(i).Keys)
            {
                if (i < j)
                {
                    queue.Enqueue((i, j, 0, 0), (criteria.Weight(graph, i, j), i, j));
                }
            }
        }

        while (queue.TryDequeue(out var pair, out var key))
        {
            var (i, j, vi, vj) = pair;
            if (version[i] != vi || version[j] != vj || !graph.IsAlive(i) || !graph.IsAlive(j))
            {
                continue;
            }

            bool overCap = criteria.MaxRegions > 0 && graph.LiveCount > criteria.MaxRegions;
            if (!overCap && (key.Weight >= criteria.Threshold || graph.LiveCount <= criteria.MinRegions))
            {
                break;
            }

            bool iSurvives = graph.SizeOf(i) >= graph.SizeOf(j);
            int survivor = iSurvives ? i : j;
            graph.Merge(iSurvives ? j : i, survivor);
            version[i]++;
            version[j]++;
            foreach (int x in graph.NeighboursOf(survivor).Keys)
            {
                int lo = Math.Min(survivor, x);
                int hi = Math.Max(survivor, x);
                queue.Enqueue((lo, hi, version[lo], version[hi]), (criteria.Weight(graph, lo, hi), lo, hi));
            }
        }
    }

    private static int LongestBorder(IReadOnlyDictionary<int, int> neighbours)
    {
        int best = 0;
        int bestLength = -1;
        foreach (var (id, length) in neighbours)
        {
            if (length > bestLength || (length == bestLength && id < best))
            {
                best = id;
                bestLength = length;
            }
        }

        return best;
    }

    private static int ClosestColor(RegionGraph graph, int id, IReadOnlyDictionary<int, int> neighbours)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        foreach (int other in neighbours.Keys)
        {
            double distance = graph.ColorDistance(id, other);
            if (distance < bestDistance || (distance == bestDistance && other < best))
            {
                best = other;
                bestDistance = distance;
            }
        }

        return best;
    }
}
