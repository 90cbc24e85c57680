using MlNetSegment.Color;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Regions;

/// <summary>
/// The region adjacency graph that the merges work on: per region its pixel count, the sum of its pixels' colour
/// features, and per pair of touching regions the length of their shared border (the number of horizontally or
/// vertically adjacent pixel pairs split between them) with the summed colour step across it (the distance between
/// the colour features of the two pixels of each such pair). Regions are 1..<see cref="InitialCount"/>; merging keeps the
/// survivor's id, and <see cref="Find"/> follows merged ids to their survivor.
/// </summary>
internal sealed class RegionGraph
{
    private readonly long[] _size;
    private readonly double[] _sum;
    private readonly Dictionary<int, int>?[] _borders;
    private readonly Dictionary<int, double>?[] _steps;
    private readonly int[] _parent;

    private RegionGraph(int count)
    {
        InitialCount = count;
        LiveCount = count;
        _size = new long[count + 1];
        _sum = new double[(count + 1) * ColorFeatures.Dimensions];
        _borders = new Dictionary<int, int>?[count + 1];
        _steps = new Dictionary<int, double>?[count + 1];
        _parent = new int[count + 1];
        for (var i = 0; i <= count; i++)
        {
            _parent[i] = i;
        }
    }

    /// <summary>Number of regions before any merge.</summary>
    public int InitialCount { get; }

    /// <summary>Number of regions still alive.</summary>
    public int LiveCount { get; private set; }

    /// <summary>
    /// Builds the graph of the regions <paramref name="ids"/> (1..<paramref name="count"/>, 0 = excluded) with the
    /// colour features, in <paramref name="space"/>, of <paramref name="pixels"/> (the image the means are taken from).
    /// </summary>
    public static RegionGraph Build(int[] ids, int count, int width, int height, Rgba32[] pixels, ColorSpace space)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(pixels);
        if (ids.Length != (long)width * height || pixels.Length != ids.Length)
        {
            throw new ArgumentException("Region ids and pixels must hold width × height values.", nameof(ids));
        }

        return Build(ids, count, new FilteredPixels(pixels, width, height, medianSize: 1), space);
    }

    /// <summary>As the public overload, reading the pixels band by band (with one row of look-ahead for the borders).</summary>
    /// <remarks>
    /// Each pixel's colour features are computed once per band, and consecutive border pairs between the same two
    /// regions are summed in a run before they touch the dictionaries (<see cref="BorderRun"/>): a 1-pixel
    /// checkerboard has a border between every two pixels, 200 million pairs at 100 MP, and per-pair dictionary
    /// updates took minutes. Sums are added in the same order as pair by pair, so the graph is bit for bit the same.
    /// </remarks>
    internal static RegionGraph Build(int[] ids, int count, FilteredPixels pixels, ColorSpace space, CancellationToken cancellationToken = default)
    {
        int width = pixels.Width;
        int height = pixels.Height;
        var graph = new RegionGraph(count);
        const int Dims = ColorFeatures.Dimensions;
        Rgba32[] band = pixels.NewBand(extraRows: 1);
        var features = new float[band.Length * Dims];
        var run = new BorderRun(graph);
        for (var first = 0; first < height; first += FilteredPixels.BandRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int filled = pixels.Fill(first, band, parallel: true);
            Parallel.For(0, filled, r =>
            {
                for (int i = r * width, end = (r + 1) * width; i < end; i++)
                {
                    Rgba32 p = band[i];
                    ColorFeatures.ToFeatures(space, p.R, p.G, p.B, features.AsSpan(i * Dims, Dims));
                }
            });

            int rows = Math.Min(FilteredPixels.BandRows, filled);
            for (var r = 0; r < rows; r++)
            {
                int y = first + r;
                int row = y * width;
                int local = r * width;
                for (var x = 0; x < width; x++)
                {
                    int id = ids[row + x];
                    if (id == 0)
                    {
                        continue;
                    }

                    graph._size[id]++;
                    graph.TotalPixels++;
                    for (var d = 0; d < Dims; d++)
                    {
                        graph._sum[(id * Dims) + d] += features[((local + x) * Dims) + d];
                    }

                    if (x + 1 < width)
                    {
                        run.Add(id, ids[row + x + 1], features, local + x, local + x + 1);
                    }

                    if (y + 1 < height)
                    {
                        run.Add(id, ids[row + width + x], features, local + x, local + width + x);
                    }
                }
            }
        }

        run.Flush();
        return graph;
    }

    /// <summary>Pixel count of region <paramref name="id"/> (0 once merged away).</summary>
    public long SizeOf(int id) => _size[id];

    /// <summary>True while region <paramref name="id"/> has not been merged into another.</summary>
    public bool IsAlive(int id) => id > 0 && _parent[id] == id;

    /// <summary>The live neighbours of region <paramref name="id"/> with the lengths of the shared borders.</summary>
    public IReadOnlyDictionary<int, int> NeighboursOf(int id) =>
        (IReadOnlyDictionary<int, int>?)_borders[id] ?? System.Collections.ObjectModel.ReadOnlyDictionary<int, int>.Empty;

    /// <summary>
    /// Mean colour step across the border of two neighbouring regions: the mean, over the pixel pairs split between
    /// them, of the distance between the two pixels' colour features (0 when they do not touch).
    /// </summary>
    public double BorderStep(int a, int b)
    {
        if (_borders[a] is not { } borders || !borders.TryGetValue(b, out int length))
        {
            return 0;
        }

        return _steps[a]![b] / length;
    }

    /// <summary>Number of pixels in all regions (excluded pixels not counted).</summary>
    public long TotalPixels { get; private set; }

    /// <summary>Euclidean distance between the mean colour features of two regions.</summary>
    public double ColorDistance(int a, int b)
    {
        const int Dims = ColorFeatures.Dimensions;
        double total = 0;
        for (var d = 0; d < Dims; d++)
        {
            double diff = (_sum[(a * Dims) + d] / _size[a]) - (_sum[(b * Dims) + d] / _size[b]);
            total += diff * diff;
        }

        return Math.Sqrt(total);
    }

    /// <summary>Merges region <paramref name="from"/> into its neighbour <paramref name="into"/>, which keeps its id.</summary>
    public void Merge(int from, int into)
    {
        if (from == into || !IsAlive(from) || !IsAlive(into))
        {
            throw new InvalidOperationException($"Cannot merge region {from} into region {into}.");
        }

        Dictionary<int, int> target = _borders[into] ??= [];
        Dictionary<int, double> targetSteps = _steps[into] ??= [];
        if (_borders[from] is { } source)
        {
            Dictionary<int, double> sourceSteps = _steps[from]!;
            foreach (var (neighbour, length) in source)
            {
                if (neighbour == into)
                {
                    continue;
                }

                Dictionary<int, int> theirs = _borders[neighbour]!;
                theirs.Remove(from);
                int combined = length + target.GetValueOrDefault(neighbour);
                target[neighbour] = combined;
                theirs[into] = combined;

                Dictionary<int, double> theirSteps = _steps[neighbour]!;
                theirSteps.Remove(from);
                double combinedSteps = sourceSteps[neighbour] + targetSteps.GetValueOrDefault(neighbour);
                targetSteps[neighbour] = combinedSteps;
                theirSteps[into] = combinedSteps;
            }
        }

        target.Remove(from);
        targetSteps.Remove(from);
        _borders[from] = null;
        _steps[from] = null;
        const int Dims = ColorFeatures.Dimensions;
        for (var d = 0; d < Dims; d++)
        {
            _sum[(into * Dims) + d] += _sum[(from * Dims) + d];
        }

        _size[into] += _size[from];
        _size[from] = 0;
        _parent[from] = into;
        LiveCount--;
    }

    /// <summary>The live region that region <paramref name="id"/> has been merged into (itself if alive; 0 stays 0).</summary>
    public int Find(int id)
    {
        while (_parent[id] != id)
        {
            _parent[id] = _parent[_parent[id]];
            id = _parent[id];
        }

        return id;
    }

    // Consecutive border pairs between the same two regions, summed before they reach the dictionaries. The step
    // sum continues from the dictionary's value, adding each step in turn, so the result equals adding pair by pair;
    // a pair's first flush inserts it where its first pair would have, since flushes keep the order pairs arrive in.
    private sealed class BorderRun(RegionGraph graph)
    {
        private int _low;
        private int _high;
        private int _length;
        private double _steps;

        public void Add(int a, int b, float[] features, int pixel, int neighbour)
        {
            if (b == 0 || a == b)
            {
                return;
            }

            (int low, int high) = a < b ? (a, b) : (b, a);
            if (_length > 0 && (low != _low || high != _high))
            {
                Flush();
            }

            if (_length == 0)
            {
                (_low, _high) = (low, high);
                _steps = graph._steps[low]?.GetValueOrDefault(high) ?? 0;
            }

            const int Dims = ColorFeatures.Dimensions;
            double total = 0;
            for (var d = 0; d < Dims; d++)
            {
                double diff = features[(pixel * Dims) + d] - features[(neighbour * Dims) + d];
                total += diff * diff;
            }

            _steps += Math.Sqrt(total);
            _length++;
        }

        public void Flush()
        {
            if (_length == 0)
            {
                return;
            }

            Record(_low, _high);
            Record(_high, _low);
            _length = 0;
        }

        private void Record(int a, int b)
        {
            Dictionary<int, int> borders = graph._borders[a] ??= [];
            borders[b] = borders.GetValueOrDefault(b) + _length;
            (graph._steps[a] ??= [])[b] = _steps;
        }
    }
}
