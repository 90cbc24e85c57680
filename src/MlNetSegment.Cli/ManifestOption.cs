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
    /// Before any work: makes the manifest's folder, checks it is writable, and deletes the manifest of a previous run,
    /// so that a manifest on disk always describes the last run that finished (a killed rerun leaves none).
    /// </summary>
    public static void Prepare(string? manifest)
    {
        if (manifest is null)
        {
            return;
        }

        CheckPath(manifest);
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifest)) ?? ".";
        Directory.CreateDirectory(folder);
        AtomicFile.EnsureWritableFolder(folder);
        File.Delete(manifest);
    }

    /// <summary>
    /// Refuses a manifest path that is a folder or lies under a regular file; a batch calls it before it creates
    /// anything, so a refused run leaves no empty output folder.
    /// </summary>
    public static void CheckPath(string? manifest)
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
