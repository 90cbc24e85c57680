using System.Text.RegularExpressions;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Numbers in a model's metadata that reports print back must be in range when the model loads: JSON allows 1e400,
/// which parses to infinity and then cannot be written as JSON again (probe F5).
/// </summary>
public class ModelMetadataRangeTests
{
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("-5")]
    public void A_model_with_an_out_of_range_sample_inertia_is_refused_by_inspect_and_apply_naming_the_file(string inertia)
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.zip");
        TestModels.WriteWithEditedMetadata(model, json => Regex.Replace(json, "\"sampleInertia\": [^,\\n]*", "\"sampleInertia\": " + inertia));
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));

        var inspect = CliRunner.Run(dir.Path, "inspect", "m.zip", "--json");
        var apply = CliRunner.Run(dir.Path, "apply", "m.zip", "a.png", "-o", "out", "--report");

        Assert.Equal(1, inspect.ExitCode);
        Assert.StartsWith("error: m.zip", Assert.Single(inspect.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("sampleInertia", inspect.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, inspect.StdOut.Trim());
        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains(apply.ErrorLines, line => line.Contains("m.zip", StringComparison.Ordinal) && line.Contains("sampleInertia", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", apply.StdErr, StringComparison.Ordinal);
        Assert.True(!Directory.Exists(dir.File("out")) || Directory.GetFiles(dir.File("out"), "*", SearchOption.AllDirectories).Length == 0, "apply wrote outputs with a damaged model");
    }
}
