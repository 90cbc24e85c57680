namespace MlNetSegment.IO;

/// <summary>Shapes messages for people: every error the tools print is one line.</summary>
internal static class Messages
{
    /// <summary>Longest message line; longer ones lose their middle.</summary>
    public const int MaxLength = 1_000;

    /// <summary>
    /// <paramref name="message"/> with its lines joined by single spaces, blank lines dropped, and every other control
    /// character (ESC, BEL, …) shown as '?': messages quote names and fields from untrusted files, and raw escape
    /// sequences would drive the user's terminal (probe F8: a model's colour space set the window title). A line over <see cref="MaxLength"/> characters keeps its
    /// start and end.
    /// </summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string joined = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string safe = joined.Any(char.IsControl) ? string.Concat(joined.Select(c => char.IsControl(c) ? '?' : c)) : joined;

        // A value from the command line or a file can be any length (a 10,000-character --colors): keep the start,
        // which names the file or option, and the end, which says what is wrong.
        return safe.Length <= MaxLength ? safe : string.Concat(safe.AsSpan(0, 600), " … ", safe.AsSpan(safe.Length - 300));
    }

    /// <summary>The first line of <paramref name="message"/>, trimmed: exception texts may go on with details.</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        int newline = message.IndexOfAny(['\r', '\n']);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    /// <summary>One line for an unexpected failure of one image of a batch.</summary>
    public static string FailureOf(string path, Exception ex) => ex is OutOfMemoryException
        ? Messages.OneLine($"{path}: out of memory while processing this image")
        : Messages.OneLine($"{path}: {ex.GetType().Name}: {ex.Message}");
}
