using MlNetSegment.IO;

namespace MlNetSegment.Output;

/// <summary>Where each input of a batch writes its outputs, checked before any work.</summary>
internal static class BatchPlanner
{
    /// <summary>
    /// One job per input, writing <paramref name="outputs"/> under <paramref name="outputFolder"/> at the input's
    /// relative stem.
    /// </summary>
    /// <param name="inputs">The inputs to plan, in order.</param>
    /// <param name="outputFolder">The batch's output folder.</param>
    /// <param name="outputs">Which files to write per input.</param>
    /// <param name="maxClusters">The most clusters an image can have (the mask files to claim).</param>
    /// <param name="protectedInputs">
    /// Further inputs that no output may overwrite: those of the other shards, when <paramref name="inputs"/> is one.
    /// </param>
    /// <param name="otherOutputs">Further files the run writes (a manifest), each with the option that names it.</param>
    /// <exception cref="OutputConflictException">Two inputs would write one file, or an output would overwrite an input.</exception>
    public static List<ApplyJob> Plan(
        IReadOnlyList<InputFile> inputs,
        string outputFolder,
        BatchOutputs outputs,
        int maxClusters,
        IEnumerable<InputFile>? protectedInputs = null,
        IReadOnlyDictionary<string, string>? otherOutputs = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputFolder);
        ArgumentNullException.ThrowIfNull(outputs);
        var jobs = new List<ApplyJob>(inputs.Count);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<InputFile> guarded = protectedInputs is null ? inputs : inputs.Concat(protectedInputs);
        var inputPaths = new HashSet<string>(guarded.Select(i => Path.GetFullPath(i.Path)), StringComparer.Ordinal);
        // Identities once, not per output: a resumed batch has every output on disk.
        var inputFiles = inputPaths.Select(FileIdentity.Of).OfType<(ulong, ulong)>().ToHashSet();
        foreach (var (path, option) in otherOutputs ?? new Dictionary<string, string>())
        {
            string full = Path.GetFullPath(path);
            if (inputPaths.Contains(full) || (FileIdentity.Of(full) is { } identity && inputFiles.Contains(identity)))
            {
                throw new OutputConflictException($"{path}: {option} would overwrite an input");
            }

            owners[full] = option;
        }

        foreach (InputFile input in inputs)
        {
            OutputPlan plan = outputs.PlanFor(Path.Combine(outputFolder, input.RelativeStem));
            // An input whose name was not UTF-8 fails before any output is touched, and such names can read alike:
            // it claims no output, so it cannot stop the batch as a clash.
            IEnumerable<string> claimed = FileNames.NotUtf8(input.Path) is not null ? []
                : plan.MasksFolder is null ? plan.SingleFiles()
                : plan.SingleFiles().Append(plan.MasksFolder).Concat(plan.MaskPaths(maxClusters));
            foreach (string path in claimed)
            {
                string full = Path.GetFullPath(path);
                if (owners.TryGetValue(full, out string? other))
                {
                    throw new OutputConflictException($"{input.Path} and {other} would both be written to {path}; rename one or apply them separately");
                }

                if (inputPaths.Contains(full) || (FileIdentity.Of(full) is { } identity && inputFiles.Contains(identity)))
                {
                    throw new OutputConflictException($"{path}: the output would overwrite an input");
                }

                owners[full] = input.Path;
            }

            jobs.Add(new ApplyJob(input.Path, plan));
        }

        return jobs;
    }

    /// <summary>Every file <paramref name="jobs"/> may write, masks included.</summary>
    public static IEnumerable<string> Targets(IEnumerable<ApplyJob> jobs, int maxClusters)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (ApplyJob job in jobs)
        {
            foreach (string path in job.Outputs.SingleFiles())
            {
                yield return path;
            }

            foreach (string mask in job.Outputs.MaskPaths(maxClusters))
            {
                yield return mask;
            }
        }
    }
}
