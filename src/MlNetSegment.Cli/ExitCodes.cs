using MlNetSegment.IO;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli;

/// <summary>The process exit codes, and the one place exceptions become them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The work failed: unreadable image, I/O error, some files of a batch failed.</summary>
    public const int Failure = 1;

    /// <summary>Invalid usage, detected before any work: unknown flag, value out of range.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C, SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (128 + 15, as shells report it).</summary>
    public const int TerminatedCode = 143;

    /// <summary>Set when the cancellation came from SIGTERM.</summary>
    public static bool Terminated { get; set; }

    private static int reported;

    /// <summary>True for the first caller only: the run's error line is printed once, by whoever gets there first.</summary>
    public static bool TryClaimReport() => Interlocked.Exchange(ref reported, 1) == 0;

    /// <summary>Runs the app and turns any escaping exception into one line on stderr and an exit code.</summary>
    public static int Run(Func<int> app, string[] args)
    {
        bool verbose = args.Contains("--verbose");
        try
        {
            return app();
        }
        catch (Exception ex)
        {
            int code = CodeFor(ex);
            if (ex is CommandAppException or UsageException && ex.Message.Contains("__default_command", StringComparison.Ordinal)
                && UsageErrors.DanglingOption(args) is { } dangling)
            {
                Console.Error.WriteLine("error: " + Messages.OneLine(dangling));
                return code;
            }

            if (ex is CommandAppException usage)
            {
                Console.Error.WriteLine("error: " + Messages.OneLine(UsageErrors.Explain(usage, args)));
                return code;
            }

            Report(ex, verbose);
            return code;
        }
    }

    /// <summary>Writes the one-line error (and the stack trace with --verbose).</summary>
    public static void Report(Exception ex, bool verbose)
    {
        if (ex is OperationCanceledException && !TryClaimReport())
        {
            return;
        }

        Console.Error.WriteLine("error: " + OneLine(ex));
        if (verbose)
        {
            Console.Error.WriteLine(ex.ToString());
        }
    }

    /// <summary>The exit code for an exception.</summary>
    public static int CodeFor(Exception ex) => ex switch
    {
        CommandAppException => Usage,
        UsageException => Usage,
        OutputConflictException => Usage,
        OperationCanceledException => Terminated ? TerminatedCode : Cancelled,
        _ => Failure,
    };

    /// <summary>The exception's message as a single line.</summary>
    public static string OneLine(Exception ex)
    {
        string message = ex switch
        {
            // A file error the runtime raised unwrapped (an output folder that cannot be made, say) in our shape.
            IOException or UnauthorizedAccessException when MlNetSegment.IO.IoErrors.AsLine(ex) is { } line => line,
            ImageLoadException or IOException or InvalidDataException or UsageException or OutputConflictException or CommandAppException or ModelLoadException or Sampling.SampleFileException => ex.Message,
            InvalidOperationException => ex.Message,
            UnauthorizedAccessException => ex.Message,
            OperationCanceledException => "cancelled",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        return Messages.OneLine(message);
    }
}
