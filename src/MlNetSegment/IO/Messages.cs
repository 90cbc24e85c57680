namespace MlNetSegment.IO;

/// <summary>Shapes messages for people: every error the tools print is one line.</summary>
internal static class Messages
{
    /// <summary><paramref name="message"/> with its lines joined by single spaces, blank lines dropped.</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
