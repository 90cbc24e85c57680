namespace MlNetSegment.Fuzz;

/// <summary>What a fuzz run does: which target, how many inputs or how long, from which seed, and where findings go.</summary>
public sealed record FuzzOptions
{
    /// <summary>Stop after this many inputs (0: no input cap, stop on <see cref="Duration"/> only).</summary>
    public int MaxInputs { get; init; } = 2_500;

    /// <summary>Index of the first input (to regenerate a finding's neighbourhood without the inputs before it).</summary>
    public int FirstInput { get; init; }

    /// <summary>
    /// Report every input's index and mutations before it runs, and keep it as <c>last-input.bin</c> in the findings
    /// folder (to catch an input that kills the process).
    /// </summary>
    public bool Trace { get; init; }

    /// <summary>Stop after this long (null: no time cap).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Seed of every random choice: the same seed, seeds and input count give the same inputs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>An input that takes longer than this to load and segment is a hang.</summary>
    public TimeSpan InputTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Folder for failing inputs and their exceptions (null: not saved).</summary>
    public string? FindingsFolder { get; init; }

    /// <summary>What the inputs are fed to.</summary>
    public FuzzTarget Target { get; init; } = FuzzTarget.Image;

    /// <summary>Seed files of the image target; mutations start from these. The model target makes its own seeds.</summary>
    public IReadOnlyList<string> SeedFiles { get; init; } = [];
}
