using System.Text;
using MlNetSegment.IO;

namespace MlNetSegment.Cli;

/// <summary>
/// Standard output and error that never throw into the work: a write that fails (a full disk behind <c>&gt;</c>, a
/// closed descriptor) is remembered and the rest of that stream dropped, and a run that could not write its standard
/// output then ends with one error line and exit code 1.
/// </summary>
/// <remarks>
/// Probe round 9, findings 2 and 4: with stdout on a full disk or closed, the first progress line threw out of an
/// <c>apply</c> batch ("AggregateException: … (No space left on device)") and the other images were never done; with
/// stderr unwritable, writing the error line itself threw and the process aborted (exit 134). A closed pipe was
/// already quiet: .NET drops writes that fail with EPIPE.
/// </remarks>
internal static class StandardStreams
{
    private static GuardedWriter? output;

    /// <summary>Puts the guards in place; call first thing, before anything writes or reads the console.</summary>
    public static void Guard()
    {
        output = new GuardedWriter(Console.Out);
        Console.SetOut(output);
        Console.SetError(new GuardedWriter(Console.Error));
    }

    /// <summary>
    /// The run's exit code, made <see cref="ExitCodes.Failure"/> with an error line when a run that succeeded could not
    /// write its standard output (a run that failed has said why already).
    /// </summary>
    public static int Settle(int exitCode)
    {
        if (output?.Failure is not { } failure || exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        string why = failure is UnauthorizedAccessException ? "it is closed or not writable" : IoErrors.Describe(failure);
        Console.Error.WriteLine($"error: standard output could not be written ({why})");
        return ExitCodes.Failure;
    }

    /// <summary>Forwards to a console writer until a write fails, then drops the rest.</summary>
    private sealed class GuardedWriter(TextWriter inner) : TextWriter
    {
        public Exception? Failure { get; private set; }

        public override Encoding Encoding => inner.Encoding;

        public override IFormatProvider FormatProvider => inner.FormatProvider;

        public override string NewLine
        {
            get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null as "the default"; so does the inner writer's
            set => inner.NewLine = value;
#pragma warning restore CS8765
        }

        public override void Write(char value) => Guard(() => inner.Write(value));

        public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

        public override void Write(string? value) => Guard(() => inner.Write(value));

        public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

        public override void Flush() => Guard(inner.Flush);

        // The span overloads are TextWriter's own, which pass through Write(char[], int, int).
        private void Guard(Action write)
        {
            if (Failure is not null)
            {
                return;
            }

            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failure = ex;
            }
        }
    }
}
