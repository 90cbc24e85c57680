namespace MlNetSegment.Fuzz;

/// <summary>One fuzz target: its seeds, how it mutates them, and how it runs one input.</summary>
internal interface IFuzzTarget
{
    /// <summary>Short name used in reports and finding file names.</summary>
    string Name { get; }

    /// <summary>What a clean, accepted input is called in the report ("decoded", "loaded").</summary>
    string AcceptedWord { get; }

    /// <summary>Number of seeds.</summary>
    int SeedCount { get; }

    /// <summary>The name of seed <paramref name="index"/>.</summary>
    string SeedName(int index);

    /// <summary>A mutated copy of seed <paramref name="seedIndex"/>.</summary>
    byte[] Make(int seedIndex, Random random, List<string> applied);

    /// <summary>Runs one input, isolated on its own thread, within <paramref name="timeout"/>.</summary>
    (Fuzzer.Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout);
}
