using System.Globalization;
using System.Text;

namespace MlNetSegment.IO;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a batch (<c>--shard I/N</c>), so that N tasks of a job array share
/// the inputs out. An input belongs to shard <see cref="Of"/>(its output stem, N), a hash of the stem alone.
/// </summary>
/// <remarks>
/// Why a hash of the output stem rather than the input's position in the list: each task can read the whole list in
/// one pass and keep only its own inputs (memory follows the shard, not the list); two spellings of one file share a
/// stem, and so do two inputs that would write the same output, so each shard still drops the one and refuses the
/// other before any work, exactly as one machine would; and an input's shard does not move when lines are added to or
/// removed from elsewhere in the list. The price is that shards differ in size by about √(inputs / N).
/// </remarks>
/// <param name="Index">This shard, from 0 to <paramref name="Count"/> − 1.</param>
/// <param name="Count">Number of shards, from 1 to <see cref="MaxCount"/>.</param>
internal readonly record struct Shard(int Index, int Count)
{
    /// <summary>Most shards a batch can be split into (Slurm's largest array is 4,000,001 tasks).</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>The whole batch: shard 0 of 1.</summary>
    public static Shard All => new(0, 1);

    /// <summary>True when this is the whole batch.</summary>
    public bool IsAll => Count == 1;

    /// <summary>True when the input with output stem <paramref name="stem"/> belongs to this shard.</summary>
    public bool Contains(string stem) => Count == 1 || Of(stem, Count) == Index;

    /// <summary>
    /// The shard of an input among <paramref name="count"/>: FNV-1a (64-bit) of the UTF-8 bytes of its output stem
    /// (folders separated by '/', no extension), mixed by MurmurHash3's 64-bit finaliser, modulo
    /// <paramref name="count"/>. The finaliser spreads FNV's weak low bits, which a modulo would otherwise see.
    /// </summary>
    public static int Of(string stem, int count)
    {
        ArgumentNullException.ThrowIfNull(stem);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ulong hash = 14695981039346656037;
        Span<byte> bytes = stackalloc byte[4];
        foreach (Rune rune in stem.EnumerateRunes())
        {
            Rune r = rune.Value == '\\' && Path.DirectorySeparatorChar == '\\' ? new Rune('/') : rune;
            int length = r.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ bytes[i]) * 1099511628211;
            }
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return (int)(hash % (ulong)count);
    }

    /// <summary>
    /// Reads <paramref name="text"/>: <c>I/N</c> with 0 ≤ I &lt; N, or <c>auto</c>, which takes the shard from the
    /// job array the process runs in (<see cref="FromEnvironment"/>).
    /// </summary>
    /// <param name="text">What follows <c>--shard</c>.</param>
    /// <param name="variable">Reads an environment variable (null when unset).</param>
    /// <param name="shard">The shard.</param>
    /// <param name="error">Why <paramref name="text"/> is no shard, in one line.</param>
    public static bool TryParse(string text, Func<string, string?> variable, out Shard shard, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variable);
        shard = All;
        if (text == "auto")
        {
            return FromEnvironment(variable, out shard, out error);
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryNumber(text[..slash], out int index) || !TryNumber(text[(slash + 1)..], out int count))
        {
            error = $"--shard must be I/N (for example 0/8) or auto, got '{text}'";
            return false;
        }

        if (count is < 1 or > MaxCount || index >= count)
        {
            error = $"--shard {text}: N must be from 1 to {MaxCount:N0} and I from 0 to N-1";
            return false;
        }

        shard = new Shard(index, count);
        error = null;
        return true;
    }

    /// <summary>
    /// The shard of this task of a Slurm job array (I = <c>SLURM_ARRAY_TASK_ID</c> − <c>SLURM_ARRAY_TASK_MIN</c>,
    /// N = <c>SLURM_ARRAY_TASK_COUNT</c>) or of a Kubernetes Indexed Job (I = <c>JOB_COMPLETION_INDEX</c>,
    /// N = <c>MLNETSEGMENT_SHARD_COUNT</c>); Slurm's is used when both are set.
    /// </summary>
    /// <remarks>
    /// An array whose indices are not one range of step 1 (<c>--array=0,4,9</c>, <c>--array=0-9:2</c>), and an array of
    /// one task whose index is not 0 or 1, are refused: they are how a rerun of some indices looks, and I = ID − MIN of
    /// N = COUNT would then be a different split of the inputs. Reruns pass <c>--shard I/N</c> explicitly.
    /// </remarks>
    public static bool FromEnvironment(Func<string, string?> variable, out Shard shard, out string? error)
    {
        ArgumentNullException.ThrowIfNull(variable);
        shard = All;
        error = null;
        if (Set(variable, "SLURM_ARRAY_TASK_ID") is { } id)
        {
            if (!Read("SLURM_ARRAY_TASK_ID", id, out int task, ref error)
                || !Read("SLURM_ARRAY_TASK_MIN", Set(variable, "SLURM_ARRAY_TASK_MIN"), out int min, ref error)
                || !Read("SLURM_ARRAY_TASK_COUNT", Set(variable, "SLURM_ARRAY_TASK_COUNT"), out int count, ref error))
            {
                return false;
            }

            string? step = Set(variable, "SLURM_ARRAY_TASK_STEP");
            string? max = Set(variable, "SLURM_ARRAY_TASK_MAX");
            bool oneRange = (step is null || step == "1")
                && (max is null || (TryNumber(max, out int last) && (long)last - min + 1 == count));
            if (!oneRange)
            {
                error = $"--shard auto: this Slurm array is not one range of step 1 (min {min}, max {max ?? "?"}, step {step ?? "?"}, {count} tasks), as a rerun of some indices is; pass --shard I/N";
                return false;
            }

            if (count == 1 && min > 1)
            {
                error = $"--shard auto: this Slurm array has one task, index {min}, as a rerun of one index has; pass --shard {min}/N with the array's full size N";
                return false;
            }

            return Make(task - min, count, $"SLURM_ARRAY_TASK_ID {task} - SLURM_ARRAY_TASK_MIN {min}", "SLURM_ARRAY_TASK_COUNT", out shard, out error);
        }

        if (Set(variable, "JOB_COMPLETION_INDEX") is { } completion)
        {
            string? total = Set(variable, "MLNETSEGMENT_SHARD_COUNT");
            if (total is null)
            {
                error = "--shard auto: JOB_COMPLETION_INDEX is set but MLNETSEGMENT_SHARD_COUNT is not; set it to the Indexed Job's completions";
                return false;
            }

            return Read("JOB_COMPLETION_INDEX", completion, out int index, ref error)
                && Read("MLNETSEGMENT_SHARD_COUNT", total, out int count, ref error)
                && Make(index, count, $"JOB_COMPLETION_INDEX {index}", "MLNETSEGMENT_SHARD_COUNT", out shard, out error);
        }

        error = "--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; pass --shard I/N";
        return false;
    }

    /// <summary><c>I/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static bool Make(int index, int count, string indexFrom, string countFrom, out Shard shard, out string? error)
    {
        shard = All;
        if (count is < 1 or > MaxCount)
        {
            error = $"--shard auto: {countFrom} must be from 1 to {MaxCount:N0}, got {count}";
            return false;
        }

        if (index < 0 || index >= count)
        {
            error = $"--shard auto: {indexFrom} gives shard {index}, outside 0..{count - 1} ({countFrom} {count})";
            return false;
        }

        shard = new Shard(index, count);
        error = null;
        return true;
    }

    private static string? Set(Func<string, string?> variable, string name) =>
        variable(name) is { Length: > 0 } value ? value : null;

    private static bool Read(string name, string? value, out int number, ref string? error)
    {
        if (value is null)
        {
            number = 0;
            error = $"--shard auto: SLURM_ARRAY_TASK_ID is set but {name} is not";
            return false;
        }

        if (!TryNumber(value, out number))
        {
            error = $"--shard auto: {name} must be a whole number, got '{value}'";
            return false;
        }

        return true;
    }

    private static bool TryNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
