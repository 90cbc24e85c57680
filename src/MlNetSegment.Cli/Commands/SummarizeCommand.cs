using System.Text.Encodings.Web;
using System.Text.Json;
using MlNetSegment.IO;
using MlNetSegment.Reporting;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>summarize</c>: totals and failures over the manifests of a batch's shards.</summary>
internal sealed class SummarizeCommand : Command<SummarizeSettings>
{
    public override int Execute(CommandContext context, SummarizeSettings settings, CancellationToken cancellationToken)
    {
        CliOutput.Quiet = settings.Quiet;
        ManifestSummary summary = ManifestSummary.Of(settings.Manifests);
        if (settings.Json)
        {
            PrintJson(summary);
        }
        else
        {
            CliOutput.Summary(
                $"summarize: {summary.Manifests} manifest(s), {summary.Inputs} input(s): {summary.Ok} ok, {summary.Skipped} skipped, {summary.Failures.Count} failed, {summary.NamedTwice.Count} named more than once");
            foreach (ManifestFailure failure in summary.Failures)
            {
                // Manifests are untrusted input: a field's line breaks or escape sequences must not reach the terminal.
                Console.WriteLine("failed: " + Messages.OneLine(failure.Error ?? failure.Input));
            }

            foreach (string input in summary.NamedTwice)
            {
                Console.WriteLine("named more than once: " + Messages.OneLine(input));
            }
        }

        return summary.Failures.Count == 0 && summary.NamedTwice.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void PrintJson(ManifestSummary summary)
    {
        // Built in memory and written through Console.Out, whose guard turns a failed write into the one line every verb
        // prints (probe round 10: "error: No space left on device" from the raw stream).
        using var stdout = new MemoryStream();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("manifests", summary.Manifests);
            json.WriteNumber("inputs", summary.Inputs);
            json.WriteNumber("ok", summary.Ok);
            json.WriteNumber("skipped", summary.Skipped);
            json.WriteNumber("failed", summary.Failures.Count);
            json.WriteStartArray("failures");
            foreach (ManifestFailure failure in summary.Failures)
            {
                json.WriteStartObject();
                json.WriteString("input", failure.Input);
                json.WriteString("error", failure.Error);
                json.WriteString("manifest", failure.Manifest);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("namedMoreThanOnce");
            foreach (string input in summary.NamedTwice)
            {
                json.WriteStringValue(input);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length));
    }
}
