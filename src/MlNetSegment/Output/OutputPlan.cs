using MlNetSegment.IO;
using MlNetSegment.Rendering;

namespace MlNetSegment.Output;

/// <summary>Which files to write for one segmented image. Null paths are not written.</summary>
internal sealed record OutputPlan
{
    /// <summary>The segmented image (palette colours).</summary>
    public required string SegmentedPath { get; init; }

    /// <summary>The label map PNG.</summary>
    public string? LabelsPath { get; init; }

    /// <summary>Folder of per-cluster cut-outs, <c>cluster-&lt;index&gt;.png</c>.</summary>
    public string? MasksFolder { get; init; }

    /// <summary>The original with cluster borders drawn.</summary>
    public string? BoundariesPath { get; init; }

    /// <summary>The JSON report.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The palette swatch strip.</summary>
    public string? PalettePath { get; init; }

    /// <summary>The contact sheet.</summary>
    public string? SheetPath { get; init; }

    /// <summary>How borders are drawn (boundaries and sheet).</summary>
    public BoundaryOptions Boundaries { get; init; } = new();

    /// <summary>
    /// Floyd–Steinberg dither the segmented image (palette models only). The label map, masks, report and the rest
    /// still describe each pixel's own, undithered cluster.
    /// </summary>
    public bool Dither { get; init; }

    /// <summary>The file name pattern of mask files, for finding them in a folder.</summary>
    public const string MaskPattern = "cluster-*.png";

    /// <summary>The mask file of <paramref name="cluster"/> in <paramref name="folder"/>: the one place mask names are made.</summary>
    public static string MaskPath(string folder, int cluster) => Path.Combine(folder, $"cluster-{cluster}.png");

    /// <summary>The mask files of clusters 0 .. <paramref name="clusterCount"/> − 1, or none without a mask folder.</summary>
    public IEnumerable<string> MaskPaths(int clusterCount) =>
        MasksFolder is { } folder ? Enumerable.Range(0, clusterCount).Select(c => MaskPath(folder, c)) : [];

    /// <summary>
    /// True when every file of this plan exists, the masks of <paramref name="clusterCount"/> clusters included: each
    /// file is written atomically, so an image killed half-way has some file missing and runs again.
    /// </summary>
    public bool AllWritten(int clusterCount) => SingleFiles().All(File.Exists) && MaskPaths(clusterCount).All(File.Exists);

    /// <summary>
    /// Notes which of this plan's files (the masks of <paramref name="clusterCount"/> clusters included), and of the
    /// folders they go in, do not exist yet, so that a failure while writing them can remove what it created.
    /// </summary>
    /// <param name="clusterCount">K of the palette written.</param>
    /// <param name="others">Further files written with the plan's (a saved model, a region map).</param>
    public OutputRollback BeginWriting(int clusterCount, params string?[] others) =>
        OutputRollback.Begin(
            [.. SingleFiles(), .. MaskPaths(clusterCount), .. others],
            [MasksFolder is null ? null : Path.GetFullPath(MasksFolder), .. SingleFiles().Concat(others.OfType<string>()).Select(path => Path.GetDirectoryName(Path.GetFullPath(path)))]);

    /// <summary>
    /// Creates the folders of this plan's files and runs <paramref name="write"/>; when it fails, the files and
    /// folders it created are removed again (<see cref="OutputRollback"/>): how a batch writes one image's outputs.
    /// </summary>
    /// <param name="clusterCount">K of the palette written.</param>
    /// <param name="write">Writes the plan's files.</param>
    public void WriteOrUndo(int clusterCount, Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        BeginWriting(clusterCount).Guard(() =>
        {
            foreach (string path in SingleFiles())
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            }

            write();
            return true;
        });
    }

    /// <summary>
    /// Why this plan's files cannot be written, found before any work: a folder where one of its files goes, or a file
    /// where its masks folder goes; null when nothing is in the way.
    /// </summary>
    public string? Obstacle()
    {
        if (SingleFiles().FirstOrDefault(Directory.Exists) is { } folder)
        {
            return $"{folder}: is a folder, not a file";
        }

        // Masks too: a FIFO named like a mask was kept as a finished output without --force (probe round 10).
        IEnumerable<string> masks = MasksFolder is not null && Directory.Exists(MasksFolder) ? Directory.EnumerateFiles(MasksFolder) : [];
        foreach (string file in SingleFiles().Concat(masks))
        {
            if (AtomicFile.NotAFileToReplace(file) is { } why)
            {
                return $"{file}: {why}";
            }
        }

        return MasksFolder is not null && File.Exists(MasksFolder) ? $"{MasksFolder}: is a file, not a folder (--masks)" : null;
    }

    /// <summary>Every single file this plan names (masks excluded: their number depends on K).</summary>
    public IEnumerable<string> SingleFiles() =>
        new[] { SegmentedPath, LabelsPath, BoundariesPath, ReportPath, PalettePath, SheetPath }.OfType<string>();
}
