using MlNetSegment.Tests.Imaging;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>A model path goes through the same file-type guard as images: no hang on a FIFO, no endless read of a device.</summary>
public class ModelFileTypeTests
{
    [Theory]
    [InlineData("inspect")]
    [InlineData("apply")]
    public void A_FIFO_given_as_the_model_is_refused_at_once(string verb)
    {
        using var dir = new TempDirectory();
        string fifo = ImageLoaderHostileInputTests.MakeFifo(dir, "model.zip");
        string[] args = verb == "inspect" ? ["inspect", fifo] : ["apply", fifo, TestImages.Sample("coffee.png"), "-o", "out"];

        var result = CliRunner.Run(dir.Path, TimeSpan.FromSeconds(30), args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read model", result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void A_link_to_dev_zero_given_as_the_model_is_refused_without_reading_it()
    {
        using var dir = new TempDirectory();
        string link = dir.File("zero.zip");
        File.CreateSymbolicLink(link, "/dev/zero");

        var result = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(30), "inspect", link);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read model", result.StdErr, StringComparison.Ordinal);
        Assert.True(result.PeakBytes < 300L << 20, $"peak memory {result.PeakBytes >> 20} MB");
    }
}
