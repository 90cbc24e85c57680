using System.Text;

namespace MlNetSegment.IO;

/// <summary>
/// Reads a list of input paths (<c>--inputs-from</c>): one path per line, blank lines ignored, each line taken
/// literally — no globbing, no directory walk, no trimming beyond a final carriage return — so that a list of millions
/// of lines made by <c>find</c> costs one pass and nothing per line but string work.
/// </summary>
internal static class InputList
{
    /// <summary>
    /// Longest accepted line, in characters: Linux's PATH_MAX. Anything longer is no path, and stopping there keeps a
    /// file without newlines (a binary, a device) from being read into memory whole.
    /// </summary>
    public const int MaxLineLength = 4096;

    /// <summary>
    /// Opens the list file <paramref name="path"/> as UTF-8. Pipes (<c>&lt;(find ...)</c>) are fine: a list is read
    /// once, front to back.
    /// </summary>
    /// <exception cref="IOException">The file does not exist, is a directory, or cannot be read.</exception>
    public static TextReader OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new IOException($"{path}: --inputs-from needs a file with one path per line, and this is a directory");
        }

        try
        {
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        }
        catch (FileNotFoundException ex)
        {
            throw new IOException($"{path}: input list not found", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new IOException($"{path}: input list not found", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{path}: input list cannot be read ({IoErrors.Describe(ex)})", ex);
        }
    }

    /// <summary>
    /// The paths of the list that <paramref name="reader"/> reads, in order, without blank lines. Lines end with
    /// <c>\n</c> or <c>\r\n</c>; a line of only spaces and tabs counts as blank.
    /// </summary>
    /// <param name="reader">The list.</param>
    /// <param name="name">The list's name for messages (<c>-</c> for standard input).</param>
    /// <exception cref="IOException">A line is longer than <see cref="MaxLineLength"/> or holds a NUL character.</exception>
    public static IEnumerable<string> ReadPaths(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        return Read(reader, name == "-" ? "standard input" : name);
    }

    private static IEnumerable<string> Read(TextReader reader, string name)
    {
        var buffer = new char[1 << 16];
        var line = new StringBuilder();
        long lineNumber = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            int found;
            while ((found = buffer.AsSpan(start, read - start).IndexOfAny('\n', '\0')) >= 0)
            {
                int end = start + found;
                if (buffer[end] == '\0')
                {
                    throw new IOException($"{name}: line {lineNumber} holds a NUL character; --inputs-from reads text, one path per line");
                }

                line.Append(buffer, start, end - start);
                CheckLength(WithoutCarriageReturn(line), name, lineNumber, complete: true);
                if (Finish(line) is { } path)
                {
                    yield return path;
                }

                line.Clear();
                lineNumber++;
                start = end + 1;
            }

            line.Append(buffer, start, read - start);
            CheckLength(line.Length, name, lineNumber);
        }

        CheckLength(WithoutCarriageReturn(line), name, lineNumber, complete: true);
        if (Finish(line) is { } last)
        {
            yield return last;
        }
    }

    // A whole line's length once its CRLF carriage return, if any, is set aside (probe F9: 4,097 characters passed).
    private static int WithoutCarriageReturn(StringBuilder line) =>
        line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;

    // A path may be at most MaxLineLength characters, plus the carriage return of a CRLF list (while a line is still
    // being read, its last character may be that carriage return).
    private static void CheckLength(int length, string name, long lineNumber, bool complete = false)
    {
        if (length > MaxLineLength + (complete ? 0 : 1))
        {
            throw new IOException($"{name}: line {lineNumber} is longer than {MaxLineLength} characters; --inputs-from reads one path per line");
        }
    }

    private static string? Finish(StringBuilder line)
    {
        int length = line.Length;
        if (length > 0 && line[length - 1] == '\r')
        {
            length--;
        }

        for (var i = 0; i < length; i++)
        {
            if (line[i] is not (' ' or '\t'))
            {
                return line.ToString(0, length);
            }
        }

        return null;
    }

    /// <summary>
    /// The output stem of a listed file, from its full path: its path below <paramref name="currentFolder"/> without
    /// the extension when it lies there (as files found by walking a directory keep their folders, so a list made by
    /// <c>find tiles -name '*.png'</c> keeps <c>tiles/12/3</c>), else its file name without the extension (as a file
    /// named on the command line). A function of the full path alone, so two spellings of one path share a stem.
    /// </summary>
    /// <param name="fullPath">The listed path made absolute.</param>
    /// <param name="currentFolder">The absolute folder relative paths are resolved from.</param>
    public static string StemOf(string fullPath, string currentFolder)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(currentFolder);
        string prefix = Path.EndsInDirectorySeparator(currentFolder) ? currentFolder : currentFolder + Path.DirectorySeparatorChar;
        int lastSeparator = fullPath.LastIndexOf(Path.DirectorySeparatorChar);
        int start = fullPath.Length > prefix.Length && fullPath.StartsWith(prefix, StringComparison.Ordinal) ? prefix.Length : lastSeparator + 1;

        // As Path.GetFileNameWithoutExtension, with one allocation: a list may have millions of lines.
        int dot = fullPath.LastIndexOf('.');
        int end = dot > lastSeparator ? dot : fullPath.Length;
        return fullPath[start..end];
    }
}
