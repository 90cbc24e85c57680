using MlNetSegment.Reporting;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Reporting;

public class RunManifestTests
{
    [Fact]
    public void A_manifest_is_one_json_object_per_line_and_reads_back_the_same()
    {
        using var dir = new TempDirectory();
        ManifestEntry[] entries =
        [
            new("a.png", ManifestStatus.Ok, ["out/a.segmented.png", "out/a.labels.png"], null),
            new("odd \"name\"\nwith a newline, é, \\.png", ManifestStatus.Skipped, ["out/odd.segmented.png"], null),
            new("bad.png", ManifestStatus.Failed, [], "bad.png: not a supported image (expected PNG, JPEG, BMP, GIF)"),
        ];

        RunManifest.Write(dir.File("m.jsonl"), entries);

        string[] lines = File.ReadAllLines(dir.File("m.jsonl"));
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"input":"a.png","status":"ok","outputs":["out/a.segmented.png","out/a.labels.png"],"error":null}""", lines[0]);
        Assert.Equal("""{"input":"bad.png","status":"failed","outputs":[],"error":"bad.png: not a supported image (expected PNG, JPEG, BMP, GIF)"}""", lines[2]);
        List<ManifestEntry> read = [.. RunManifest.Read(dir.File("m.jsonl"))];
        Assert.Equal(entries.Length, read.Count);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal((entries[i].Input, entries[i].Status, entries[i].Error), (read[i].Input, read[i].Status, read[i].Error));
            Assert.Equal(entries[i].Outputs, read[i].Outputs);
        }
    }

    [Fact]
    public void Writing_replaces_the_previous_manifest_whole()
    {
        using var dir = new TempDirectory();
        RunManifest.Write(dir.File("m.jsonl"), [new("a.png", ManifestStatus.Failed, [], "a.png: boom"), new("b.png", ManifestStatus.Ok, ["b"], null)]);

        RunManifest.Write(dir.File("m.jsonl"), [new("a.png", ManifestStatus.Ok, ["a"], null)]);

        Assert.Single(File.ReadAllLines(dir.File("m.jsonl")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("not json", "line 1: not JSON")]
    [InlineData("[1]", "line 1: not a JSON object")]
    [InlineData("""{"status":"ok","outputs":[],"error":null}""", "line 1: no \"input\" string")]
    [InlineData("""{"input":"a","status":"done","outputs":[],"error":null}""", "line 1: unknown \"status\" 'done'")]
    [InlineData("""{"input":"a","status":"ok","outputs":[1],"error":null}""", "line 1: no \"outputs\" array of strings")]
    [InlineData("""{"input":"a","status":"ok","outputs":[],"error":5}""", "line 1: \"error\" is neither null nor a string")]
    [InlineData("\n\n{\"input\":\"a\",\"status\":\"ok\",\"outputs\":[],\"error\":null}\n{\"input\":[[[[[[]]]]]]}", "line 4: not JSON")]
    public void A_line_that_is_no_entry_is_one_error_naming_the_file_and_the_line(string text, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("m.jsonl"), text);

        var error = Assert.Throws<InvalidDataException>(() => RunManifest.Read(dir.File("m.jsonl")).ToList());

        Assert.StartsWith($"{dir.File("m.jsonl")}: {message}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_huge_file_without_newlines_is_refused_once_a_line_passes_the_limit()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[RunManifest.MaxLineLength + (1 << 20)];
        Array.Fill(bytes, (byte)'x');
        File.WriteAllBytes(dir.File("m.jsonl"), bytes);

        var error = Assert.Throws<InvalidDataException>(() => RunManifest.Read(dir.File("m.jsonl")).ToList());

        Assert.Contains("line 1 is longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_every_status_lists_failures_and_inputs_named_twice()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("m"));
        RunManifest.Write(dir.File("m/shard-0.jsonl"), [new("a.png", ManifestStatus.Ok, ["a"], null), new("b.png", ManifestStatus.Failed, [], "b.png: broken")]);
        RunManifest.Write(dir.File("m/shard-1.jsonl"), [new("c.png", ManifestStatus.Skipped, ["c"], null), new("a.png", ManifestStatus.Ok, ["a"], null)]);
        File.WriteAllText(dir.File("m/notes.txt"), "not a manifest");
        RunManifest.Write(dir.File("extra.json"), [new("d.png", ManifestStatus.Ok, ["d"], null)]);

        ManifestSummary summary = ManifestSummary.Of([dir.File("m"), dir.File("extra.json")]);

        Assert.Equal((3, 5L, 3L, 1L), (summary.Manifests, summary.Inputs, summary.Ok, summary.Skipped));
        Assert.Equal([new ManifestFailure("b.png", "b.png: broken", dir.File("m/shard-0.jsonl"))], summary.Failures);
        Assert.Equal(["a.png"], summary.NamedTwice);
        Assert.Throws<IOException>(() => ManifestSummary.Of([dir.File("missing")]));
    }
}
