using System.Globalization;
using System.Text.RegularExpressions;

namespace MlNetSegment.Evaluation;

/// <summary>
/// A folder of human segmentations named <c>ID_gtN.png</c> (one label PNG per annotator N, as exported from
/// BSDS500): the annotation files of each image id, in annotator order.
/// </summary>
internal sealed partial class GroundTruthSet
{
    private readonly SortedDictionary<string, string[]> _files;

    private GroundTruthSet(string folder, SortedDictionary<string, string[]> files)
    {
        Folder = folder;
        _files = files;
    }

    /// <summary>The folder the set was read from.</summary>
    public string Folder { get; }

    /// <summary>The image ids, in numeric order when they are numbers.</summary>
    public IReadOnlyList<string> Ids => [.. _files.Keys];

    /// <summary>Lists the annotation files of <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">The folder does not exist or holds no <c>ID_gtN.png</c> file.</exception>
    public static GroundTruthSet Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new IOException($"{folder}: ground-truth folder does not exist");
        }

        var byId = new Dictionary<string, List<(int Annotator, string Path)>>();
        // Folders too: one named like an annotation (3_gt2.png/) then fails image 3 as unreadable, instead of image 3
        // being scored on the other annotators without a word (probe round 8, finding 4).
        foreach (string path in Directory.EnumerateFileSystemEntries(folder, "*_gt*.png"))
        {
            Match match = FileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            string id = match.Groups["id"].Value;
            if (!int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int annotator))
            {
                throw new IOException($"{path}: annotator number {match.Groups["n"].Value} is too large (at most {int.MaxValue})");
            }

            if (!byId.TryGetValue(id, out var list))
            {
                byId[id] = list = [];
            }

            list.Add((annotator, path));
        }

        if (byId.Count == 0)
        {
            throw new IOException($"{folder}: no ground-truth files named ID_gtN.png");
        }

        var files = new SortedDictionary<string, string[]>(IdComparer.Instance);
        foreach (var (id, list) in byId)
        {
            files[id] = [.. list.OrderBy(f => f.Annotator).Select(f => f.Path)];
        }

        return new GroundTruthSet(folder, files);
    }

    /// <summary>True when image <paramref name="id"/> has annotations.</summary>
    public bool Contains(string id) => _files.ContainsKey(id);

    /// <summary>The annotation files of image <paramref name="id"/>, in annotator order.</summary>
    public IReadOnlyList<string> FilesOf(string id) => _files[id];

    /// <summary>Reads every annotation of image <paramref name="id"/>; all must have the same size.</summary>
    /// <exception cref="IOException">A file is unreadable, or the sizes differ.</exception>
    public (IReadOnlyList<int[]> Labels, int Width, int Height) Load(string id) => Load(id, ImageLimits.Default);

    /// <summary>Reads every annotation of image <paramref name="id"/> under <paramref name="limits"/>; all must have the same size.</summary>
    /// <exception cref="IOException">A file is unreadable, or the sizes differ.</exception>
    public (IReadOnlyList<int[]> Labels, int Width, int Height) Load(string id, ImageLimits limits)
    {
        var labels = new List<int[]>();
        int width = 0;
        int height = 0;
        foreach (var (_, values, w, h) in Read(id, limits))
        {
            labels.Add(values);
            (width, height) = (w, h);
        }

        return (labels, width, height);
    }

    /// <summary>
    /// Reads the annotations of image <paramref name="id"/> one at a time, in annotator order, each checked to have
    /// the first one's size: for callers that score each and drop it (five 100 MP annotations are 2 GB together).
    /// </summary>
    /// <exception cref="IOException">A file is unreadable, or the sizes differ.</exception>
    public IEnumerable<(string Path, int[] Labels, int Width, int Height)> Read(string id, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        int width = 0;
        int height = 0;
        var first = true;
        foreach (string path in _files[id])
        {
            var (values, w, h) = LabelImageReader.Read(path, limits);
            if (!first && (w != width || h != height))
            {
                throw new IOException($"{path}: {w}×{h} differs from the other annotations of {id} ({width}×{height})");
            }

            first = false;
            width = w;
            height = h;
            yield return (path, values, w, h);
        }
    }

    [GeneratedRegex(@"^(?<id>.+)_gt(?<n>\d+)\.png$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    /// <summary>Numeric ids in numeric order, then the others in ordinal order.</summary>
    internal sealed class IdComparer : IComparer<string>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            bool xNumber = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out long a);
            bool yNumber = long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out long b);
            return (xNumber, yNumber) switch
            {
                (true, true) when a != b => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
