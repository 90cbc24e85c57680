using MlNetSegment.IO;
using MlNetSegment.Output;

namespace MlNetSegment.Cli;

/// <summary>The output folder of a batch (<c>apply</c>, batch <c>segment</c>): created, claimed and cleaned before work.</summary>
internal static class BatchOutputFolder
{
    /// <summary>
    /// Creates <paramref name="folder"/>, claims it (or this shard of it) for the run, and deletes the temporary files a
    /// killed run left: all of them for a whole batch, only those of this shard's outputs for a shard, since the other
    /// shards write into the same folder at the same time.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="shard">The part of the batch this run does.</param>
    /// <param name="jobs">This run's images.</param>
    /// <param name="force">--force: a file at the manifest's path that is no manifest may be replaced.</param>
    /// <param name="maxClusters">The most clusters an image can have (its mask files).</param>
    /// <param name="manifest">The run's manifest, whose temporary file is this run's too.</param>
    public static OutputFolderLock Claim(string folder, Shard shard, IEnumerable<ApplyJob> jobs, bool force, int maxClusters, string? manifest)
    {
        // Refused before anything is created: a run that fails on its usage leaves no empty output folder behind.
        if (File.Exists(folder))
        {
            throw new UsageException($"{folder}: -o names the output folder, and this is a file");
        }

        if (OutputPaths.FileAbove(folder) is { } blocking)
        {
            throw new UsageException($"{folder}: -o names the output folder, and {blocking} is a file");
        }

        ManifestOption.CheckPath(manifest, force);

        Directory.CreateDirectory(folder);
        AtomicFile.EnsureWritableFolder(folder);
        OutputFolderLock claim = OutputFolderLock.Acquire(folder, shard);
        if (shard.IsAll)
        {
            AtomicFile.DeleteStaleTempFiles(folder);
        }
        else
        {
            IEnumerable<string> targets = BatchPlanner.Targets(jobs, maxClusters);
            AtomicFile.DeleteStaleTempFilesOf(manifest is null ? targets : targets.Append(manifest));
        }

        return claim;
    }

    /// <summary>Shows one finished image of a batch on the progress bar or as a line.</summary>
    public static void Report(BatchProgress progress, ApplyOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ApplyStatus.Failed:
                progress.ItemDone(outcome.Message ?? outcome.Job.InputPath, isError: true);
                break;
            case ApplyStatus.Skipped:
                progress.ItemDone($"{outcome.Job.InputPath}: skipped, {outcome.Job.OutputPath} exists");
                break;
            default:
                progress.ItemDone($"{outcome.Job.InputPath} -> {outcome.Job.OutputPath}");
                break;
        }
    }

    /// <summary>Prints the summary line of a batch and returns how many images failed.</summary>
    public static int Summarize(string verb, IReadOnlyList<ApplyOutcome> outcomes, Shard shard)
    {
        int succeeded = outcomes.Count(o => o.Status == ApplyStatus.Succeeded);
        int skipped = outcomes.Count(o => o.Status == ApplyStatus.Skipped);
        int failed = outcomes.Count(o => o.Status == ApplyStatus.Failed);
        CliOutput.Summary($"{verb}: {succeeded} succeeded, {skipped} skipped (outputs exist), {failed} failed{(shard.IsAll ? string.Empty : $" (shard {shard})")}");
        return failed;
    }
}
