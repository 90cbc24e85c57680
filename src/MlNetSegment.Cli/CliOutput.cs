namespace MlNetSegment.Cli;

/// <summary>
/// What a verb says besides its result and its errors: summaries, notes, warnings and progress. <c>--quiet</c> turns
/// all of it off, leaving error lines (and the results of inspect, elbow and evaluate, which are what they are for).
/// </summary>
internal static class CliOutput
{
    /// <summary>Set from <c>--quiet</c> when a verb starts.</summary>
    public static bool Quiet { get; set; }

    /// <summary>A summary line on stdout (<c>x.png: 600x400, 10 clusters -> ...</c>).</summary>
    public static void Summary(string line)
    {
        if (!Quiet)
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>A <c>note:</c> line on stderr.</summary>
    public static void Note(string line)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine("note: " + line);
        }
    }

    /// <summary>A <c>warning:</c> line on stderr.</summary>
    public static void Warning(string line)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine("warning: " + line);
        }
    }
}
