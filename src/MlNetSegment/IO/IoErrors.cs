using System.Text.RegularExpressions;

namespace MlNetSegment.IO;

/// <summary>
/// What went wrong with a file, said as a short phrase for the one-line messages that name the file.
/// </summary>
/// <remarks>
/// Why: the runtime's texts name the path again and in their own shape ("Could not find file '/a/b.png'.", "No space
/// left on device : '/a/.b.png.tmp1'"), so an error line read "error: b.png: cannot read file (Could not find file
/// '/a/b.png'.)" and a failed write showed a temporary file's name (probe round 8, finding 6). On Unix every other
/// failure of a file call comes as "&lt;the system's error text&gt; : '&lt;path&gt;'", and that text is the one users
/// know from every other tool.
/// </remarks>
internal static partial class IoErrors
{
    private const string MissingFolder = "a folder on its path does not exist, or is a file";

    /// <summary>The reason <paramref name="ex"/> gives, without the path, starting lower-case.</summary>
    public static string Describe(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            FileNotFoundException => "no such file",
            DirectoryNotFoundException => MissingFolder,
            PathTooLongException => "its path is too long",
            UnauthorizedAccessException => "permission denied",
            _ => Reason(Messages.FirstLine(ex.Message)),
        };
    }

    /// <summary>
    /// "PATH: reason" for a file error that reached the top unwrapped, in the runtime's own words (creating an output
    /// folder, say); null when the message is not one of the runtime's shapes (ours already name the file first).
    /// </summary>
    public static string? AsLine(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is not (IOException or UnauthorizedAccessException))
        {
            return null;
        }

        Match match = RuntimeShape().Match(Messages.FirstLine(ex.Message));
        return match.Success ? $"{match.Groups["path"].Value}: {Describe(ex)}" : null;
    }

    // "<text> : '<path>'" keeps "<text>"; any other message (ours, or a stream's) is kept whole.
    private static string Reason(string message)
    {
        Match match = SystemErrorShape().Match(message);
        string reason = match.Success ? match.Groups["text"].Value : message;
        return reason.Length > 1 && char.IsUpper(reason[0]) && char.IsLower(reason[1])
            ? char.ToLowerInvariant(reason[0]) + reason[1..]
            : reason;
    }

    [GeneratedRegex(@"^(?<text>.+?) : '(?<path>.*)'$", RegexOptions.Singleline)]
    private static partial Regex SystemErrorShape();

    [GeneratedRegex(@"^(?:.+? : '(?<path>.*)'|Access to the path '(?<path>.*)' is denied\.|Could not find file '(?<path>.*)'\.|Could not find a part of the path '(?<path>.*)'\.|The path '(?<path>.*)' is too long, or a component of the specified path is too long\.)$", RegexOptions.Singleline)]
    private static partial Regex RuntimeShape();
}
