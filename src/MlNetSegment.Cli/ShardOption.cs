using MlNetSegment.IO;
using Spectre.Console;

namespace MlNetSegment.Cli;

/// <summary><c>--shard I/N|auto</c>, worded alike on every verb that takes it.</summary>
internal static class ShardOption
{
    /// <summary>Help of <c>--shard</c>.</summary>
    public const string Help = "Do only part I of N of the inputs (0 <= I < N), so that N tasks of a job array share them: an input belongs to the shard that a hash of its output name gives. 'auto' reads the shard from a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with N in MLNETSEGMENT_SHARD_COUNT).";

    /// <summary>Checks <paramref name="text"/> (null: no sharding).</summary>
    public static ValidationResult Validate(string? text) =>
        text is null || Shard.TryParse(text, Environment.GetEnvironmentVariable, out _, out _) ? ValidationResult.Success()
        : ValidationResult.Error(Error(text));

    /// <summary>The shard <paramref name="text"/> names; the whole batch when null.</summary>
    /// <exception cref="UsageException">It names none.</exception>
    public static Shard Resolve(string? text) =>
        text is null ? Shard.All
        : Shard.TryParse(text, Environment.GetEnvironmentVariable, out Shard shard, out _) ? shard
        : throw new UsageException(Error(text));

    private static string Error(string text)
    {
        Shard.TryParse(text, Environment.GetEnvironmentVariable, out _, out string? error);
        return error ?? $"--shard {text}: not a shard";
    }
}
