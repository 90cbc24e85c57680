using System.Text;
using System.Text.Unicode;
using MlNetSegment.IO;

namespace MlNetSegment.Cli;

/// <summary>
/// The command line as bytes, to tell an output name that was not UTF-8 from one that really holds U+FFFD. .NET
/// decodes each argument as UTF-8, putting U+FFFD in place of bad bytes, so such an output would be written under
/// another name than the one typed, and without a word.
/// </summary>
internal static class RawArguments
{
    private static readonly Lazy<string[]> NotUtf8 = new(Read);

    /// <summary>Refuses <paramref name="output"/> if it came from an argument that was not UTF-8.</summary>
    public static void CheckOutput(string? output)
    {
        if (output is null || !output.Contains(FileNames.Replacement, StringComparison.Ordinal))
        {
            return;
        }

        if (NotUtf8.Value.Any(argument => output.Contains(argument, StringComparison.Ordinal)))
        {
            throw new UsageException(
                $"{output}: the name is not valid UTF-8 (shown with {FileNames.Replacement} for each bad byte); .NET can only write it as shown, so choose another name");
        }
    }

    // Linux keeps the process's arguments, NUL-separated, in /proc/self/cmdline; elsewhere nothing is known.
    private static string[] Read()
    {
        try
        {
            byte[] bytes = File.ReadAllBytes("/proc/self/cmdline");
            return [.. Split(bytes).Where(a => !Utf8.IsValid(a)).Select(a => Encoding.UTF8.GetString(a))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return [];
        }
    }

    private static IEnumerable<byte[]> Split(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0)
            {
                yield return bytes[start..i];
                start = i + 1;
            }
        }
    }
}
