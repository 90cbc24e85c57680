using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class DashArgumentTests
{
    [Theory]
    [InlineData("segment", "-")]
    [InlineData("segment", "data", "-o", "-")]
    public void A_dash_for_standard_input_or_output_gets_a_usage_error_that_says_so(params string[] args)
    {
        using var dir = new TempDirectory();
        string[] resolved = [.. args.Select(a => a == "data" ? TestImages.Sample("coffee.png") : a)];

        var result = CliRunner.Run(dir.Path, resolved);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("standard input or output", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void After_a_double_dash_a_name_starting_with_a_dash_is_an_input_file()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("-x.png"));

        var result = CliRunner.Run(dir.Path, "segment", "-k", "3", "--", "-x.png");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(dir.File("-x.segmented.png")), result.StdErr);
    }
}
