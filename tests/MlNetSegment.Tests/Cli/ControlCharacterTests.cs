using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Control characters from untrusted files never reach the terminal (probe F8).</summary>
public class ControlCharacterTests
{
    [Fact]
    public void Messages_show_control_characters_as_question_marks_on_one_line()
    {
        Assert.Equal("a.zip: unknown colour space '?]0;PWNED??[2J' x", Messages.OneLine("a.zip: unknown colour space '\u001b]0;PWNED\u0007\u001b[2J'\nx"));
    }

    [Fact]
    public void A_model_whose_tool_version_holds_an_escape_sequence_is_refused_and_nothing_raw_is_printed()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.zip");
        TestModels.WriteWithEditedMetadata(model, json =>
            System.Text.RegularExpressions.Regex.Replace(json, "\"toolVersion\": \"[^\"]*\"", "\"toolVersion\": \"0.1.0\\u001b]0;PWNED\\u0007\""));

        var run = CliRunner.Run(dir.Path, "inspect", "m.zip");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("control characters", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.StdOut + run.StdErr);
    }
}
