namespace MlNetSegment.IO;

/// <summary>Shapes messages for people: every error the tools print is one line.</summary>
internal static class Messages
{
    /// <summary>
    /// <paramref name="message"/> with its lines joined by single spaces, blank lines dropped, and every other control
    /// character (ESC, BEL, …) shown as '?': messages quote names and fields from untrusted files, and raw escape
    /// sequences would drive the user's terminal (probe F8: a model's colour space set the window title).
    /// </summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string joined = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return joined.Any(char.IsControl) ? string.Concat(joined.Select(c => char.IsControl(c) ? '?' : c)) : joined;
    }

    /// <summary>One line for an unexpected failure of one image of a batch.</summary>
    public static string FailureOf(string path, Exception ex) => ex is OutOfMemoryException
        ? Messages.OneLine($"{path}: out of memory while processing this image")
        : Messages.OneLine($"{path}: {ex.GetType().Name}: {ex.Message}");
}
