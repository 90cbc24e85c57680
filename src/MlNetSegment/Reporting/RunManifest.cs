using System.Text.Encodings.Web;
using System.Text.Json;
using MlNetSegment.IO;

namespace MlNetSegment.Reporting;

/// <summary>
/// The manifest of a batch run (<c>--manifest</c>): JSON Lines, one object per input of the run's shard, in input
/// order: <c>{"input": "...", "status": "ok"|"skipped"|"failed", "outputs": ["..."], "error": null|"..."}</c>.
/// </summary>
internal static class RunManifest
{
    /// <summary>Longest manifest line read back, in characters: 256 mask paths and six more of 4,096 characters fit.</summary>
    public const int MaxLineLength = 2 << 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <paramref name="entries"/> to <paramref name="path"/> atomically, replacing any manifest there: a run
    /// killed before the end leaves none (or the previous one), never a part.
    /// </summary>
    public static void Write(string path, IEnumerable<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, WriterOptions);
            foreach (ManifestEntry entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("input", entry.Input);
                json.WriteString("status", NameOf(entry.Status));
                json.WriteStartArray("outputs");
                foreach (string output in entry.Outputs)
                {
                    json.WriteStringValue(output);
                }

                json.WriteEndArray();
                if (entry.Error is null)
                {
                    json.WriteNull("error");
                }
                else
                {
                    json.WriteString("error", entry.Error);
                }

                json.WriteEndObject();
                json.Flush();
                stream.WriteByte((byte)'\n');
                json.Reset(stream);
            }
        }, overwrite: true);
    }

    /// <summary>The name of <paramref name="status"/> in a manifest.</summary>
    public static string NameOf(ManifestStatus status) => status switch
    {
        ManifestStatus.Ok => "ok",
        ManifestStatus.Skipped => "skipped",
        _ => "failed",
    };

    /// <summary>
    /// Reads the manifest <paramref name="path"/> line by line; blank lines are ignored, fields other than the four are
    /// allowed.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is no manifest entry; the message names the file and the line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IEnumerable<ManifestEntry> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? why = RegularFile.WhyNotRegular(path);
        if (why is not null)
        {
            throw new IOException($"{path}: {why}");
        }

        return ReadLines(path);
    }

    private static IEnumerable<ManifestEntry> ReadLines(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var buffer = new char[1 << 16];
        var line = new System.Text.StringBuilder();
        long number = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            int found;
            while ((found = buffer.AsSpan(start, read - start).IndexOf('\n')) >= 0)
            {
                line.Append(buffer, start, found);
                if (Parse(line, path, number++) is { } entry)
                {
                    yield return entry;
                }

                line.Clear();
                start += found + 1;
            }

            // Checked as the line grows, so that a file without newlines is not read into memory whole.
            line.Append(buffer, start, read - start);
            CheckLength(line, path, number);
        }

        if (Parse(line, path, number) is { } last)
        {
            yield return last;
        }
    }

    private static void CheckLength(System.Text.StringBuilder line, string path, long number)
    {
        if (line.Length > MaxLineLength)
        {
            throw new InvalidDataException($"{path}: line {number} is longer than {MaxLineLength:N0} characters; not a manifest");
        }
    }

    private static ManifestEntry? Parse(System.Text.StringBuilder line, string path, long number)
    {
        CheckLength(line, path, number);
        string text = line.ToString().TrimEnd('\r');
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, number, "not a JSON object");
            }

            string input = root.TryGetProperty("input", out JsonElement i) && i.ValueKind == JsonValueKind.String
                ? i.GetString()! : throw Bad(path, number, "no \"input\" string");
            ManifestStatus status = root.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String
                ? s.GetString() switch
                {
                    "ok" => ManifestStatus.Ok,
                    "skipped" => ManifestStatus.Skipped,
                    "failed" => ManifestStatus.Failed,
                    var other => throw Bad(path, number, $"unknown \"status\" '{other}'"),
                }
                : throw Bad(path, number, "no \"status\" string");
            if (!root.TryGetProperty("outputs", out JsonElement o) || o.ValueKind != JsonValueKind.Array || o.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw Bad(path, number, "no \"outputs\" array of strings");
            }

            string? error = !root.TryGetProperty("error", out JsonElement e) || e.ValueKind == JsonValueKind.Null ? null
                : e.ValueKind == JsonValueKind.String ? e.GetString()
                : throw Bad(path, number, "\"error\" is neither null nor a string");
            return new ManifestEntry(input, status, [.. o.EnumerateArray().Select(x => x.GetString()!)], error);
        }
        catch (JsonException ex)
        {
            throw Bad(path, number, $"not JSON (at byte {(ex.BytePositionInLine ?? 0) + 1})");
        }
        catch (InvalidOperationException)
        {
            // GetString throws this, not JsonException, for a \u escape of half a surrogate pair (probe C18).
            throw Bad(path, number, "a string holds an invalid \\u escape (half a surrogate pair)");
        }
    }

    private static InvalidDataException Bad(string path, long number, string problem) =>
        new(Messages.OneLine($"{path}: line {number}: {problem}; not a manifest line"));
}
