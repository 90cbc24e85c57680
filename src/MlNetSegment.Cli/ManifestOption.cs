using System.Text;
using MlNetSegment.IO;
using MlNetSegment.Output;
using MlNetSegment.Reporting;

namespace MlNetSegment.Cli;

/// <summary><c>--manifest PATH</c>, worded and written alike by every verb that takes it.</summary>
internal static class ManifestOption
{
    /// <summary>Help of <c>--manifest</c>.</summary>
    public const string Help = "Write a JSON Lines manifest of this run's inputs (this shard's, with --shard): {\"input\", \"status\": ok|skipped|failed, \"outputs\", \"error\"} per input. Written atomically at the end (a killed run leaves none) and replaced by a rerun.";

    /// <summary>The manifest as an output the batch must not overwrite with another file.</summary>
    public static IReadOnlyDictionary<string, string>? Claim(string? manifest) =>
        manifest is null ? null : new Dictionary<string, string> { [manifest] = "--manifest" };

    /// <summary>
    /// Before any work, after <see cref="BatchOutputFolder.Claim"/> has checked the path (<see cref="CheckPath"/>): makes
    /// the manifest's folder, checks it is writable, and deletes the manifest of a previous run, so that a manifest on
    /// disk always describes the last run that finished (a killed rerun leaves none).
    /// </summary>
    public static void Prepare(string? manifest)
    {
        if (manifest is null)
        {
            return;
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(manifest)) ?? ".";
        Directory.CreateDirectory(folder);
        AtomicFile.EnsureWritableFolder(folder);
        File.Delete(manifest);
    }

    /// <summary>
    /// Refuses a manifest path that is a folder, lies under a regular file, is anything but a regular file (a device,
    /// a FIFO), or is a file that is not a manifest (unless <paramref name="force"/>): the manifest of an earlier run is
    /// replaced, nothing else. A batch calls it before it creates anything, so a refused run leaves no empty output
    /// folder.
    /// </summary>
    /// <remarks>
    /// Probe round 9, finding 1: the path was deleted and written whatever it was, so <c>--manifest /dev/null</c> run
    /// as root replaced the null device with a file, and a file of notes was lost without <c>--force</c>.
    /// </remarks>
    public static void CheckPath(string? manifest, bool force)
    {
        if (manifest is null)
        {
            return;
        }

        if (Directory.Exists(manifest))
        {
            throw new UsageException($"{manifest}: --manifest needs a file name, and this is a folder");
        }

        if (OutputPaths.FileAbove(manifest) is { } file)
        {
            throw new UsageException($"{manifest}: --manifest cannot be written there, {file} is a file");
        }

        if (!File.Exists(manifest))
        {
            return;
        }

        if (RegularFile.WhyNotRegular(manifest) is { } why)
        {
            throw new UsageException($"{manifest}: --manifest writes a regular file, and {why}");
        }

        if (!force && !IsManifest(manifest))
        {
            throw new UsageException($"{manifest}: exists and is not a manifest; --manifest replaces only a manifest (use --force to replace it)");
        }
    }

    // A manifest of an earlier run: empty (a run of no inputs), or its first entry reads as one. Only that line is read.
    private static bool IsManifest(string path)
    {
        try
        {
            _ = RunManifest.Read(path).Take(1).ToList();
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Writes the manifest of <paramref name="outcomes"/> to <paramref name="manifest"/>, if asked for.</summary>
    /// <param name="manifest">The manifest's path, or null.</param>
    /// <param name="outcomes">What happened to each input.</param>
    /// <param name="clusterCount">The palette size of an outcome's image: how many mask files it has.</param>
    public static void Write(string? manifest, IReadOnlyList<ApplyOutcome> outcomes, Func<ApplyOutcome, int> clusterCount)
    {
        if (manifest is null)
        {
            return;
        }

        RunManifest.Write(manifest, outcomes.Select(o => o.Status switch
        {
            ApplyStatus.Succeeded => new ManifestEntry(o.Job.InputPath, ManifestStatus.Ok, Targets(o.Job, clusterCount(o)), null),
            ApplyStatus.Skipped => new ManifestEntry(o.Job.InputPath, ManifestStatus.Skipped, Targets(o.Job, clusterCount(o)), null),
            _ => new ManifestEntry(o.Job.InputPath, ManifestStatus.Failed, [], o.Message ?? $"{o.Job.InputPath}: failed"),
        }));
    }

    private static List<string> Targets(ApplyJob job, int clusterCount) => [.. BatchPlanner.Targets([job], clusterCount)];
}
