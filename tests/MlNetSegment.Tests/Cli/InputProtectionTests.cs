using System.Security.Cryptography;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class InputProtectionTests
{
    [Fact]
    public void An_output_reaching_the_input_through_a_symlinked_folder_is_refused_even_with_force()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("photos"));
        File.Copy(TestImages.Sample("chelsea.png"), dir.File("photos/cat.png"));
        Directory.CreateSymbolicLink(dir.File("link"), dir.File("photos"));
        byte[] before = SHA256.HashData(File.ReadAllBytes(dir.File("photos/cat.png")));

        var result = CliRunner.Run(dir.Path, "segment", "photos/cat.png", "-k", "3", "-o", "link/cat.png", "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("would overwrite the input", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(dir.File("photos/cat.png"))));
    }

    [Fact]
    public void A_mask_file_that_is_the_input_or_another_output_is_refused_before_any_work()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("m"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("m/cluster-0.png"));
        byte[] before = File.ReadAllBytes(dir.File("m/cluster-0.png"));

        var asInput = CliRunner.Run(dir.Path, "segment", "m/cluster-0.png", "-k", "2", "-o", "seg.png", "--masks", "m", "--force");
        var asOutput = CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "2", "-o", "m2/cluster-1.png", "--masks", "m2");

        Assert.Equal(2, asInput.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(dir.File("m/cluster-0.png")));
        Assert.False(File.Exists(dir.File("seg.png")));
        Assert.Equal(2, asOutput.ExitCode);
        Assert.False(Directory.Exists(dir.File("m2")) && Directory.EnumerateFiles(dir.File("m2")).Any());
    }

    [Fact]
    public void Apply_without_force_keeps_finished_outputs_and_writes_only_the_missing_ones()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "3", "--save-model", "a.zip").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("rocket.jpg"), "-k", "5", "-o", "r.png", "--save-model", "b.zip").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "apply", "a.zip", TestImages.Sample("coffee.png"), "-o", "out").ExitCode);
        byte[] first = File.ReadAllBytes(dir.File("out/coffee.segmented.png"));

        var rerun = CliRunner.Run(dir.Path, "apply", "b.zip", TestImages.Sample("coffee.png"), "-o", "out", "--labels");

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(first, File.ReadAllBytes(dir.File("out/coffee.segmented.png")));
        Assert.True(File.Exists(dir.File("out/coffee.labels.png")));
    }
}
