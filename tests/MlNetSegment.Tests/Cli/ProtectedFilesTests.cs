using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>No batch output, the manifest included, may overwrite the model or the --inputs-from list (probe F1–F3).</summary>
public class ProtectedFilesTests
{
    [Fact]
    public void Apply_refuses_a_manifest_or_an_output_that_is_the_model_and_leaves_it_untouched()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip"), dir.File("model.zip"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));
        byte[] model = File.ReadAllBytes(dir.File("model.zip"));

        var manifest = CliRunner.Run(dir.Path, "apply", "model.zip", "a.png", "-o", "out", "--manifest", "model.zip");
        Directory.CreateDirectory(dir.File("o7"));
        File.Copy(dir.File("model.zip"), dir.File("o7/a.segmented.png"));
        var output = CliRunner.Run(dir.Path, "apply", "o7/a.segmented.png", "a.png", "-o", "o7", "--force");

        Assert.Equal(2, manifest.ExitCode);
        Assert.Contains("would overwrite the model", Assert.Single(manifest.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, output.ExitCode);
        Assert.Equal(model, File.ReadAllBytes(dir.File("model.zip")));
        Assert.Equal(model, File.ReadAllBytes(dir.File("o7/a.segmented.png")));
    }

    [Fact]
    public void A_manifest_over_the_inputs_from_list_is_refused_in_apply_and_batch_segment()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("coffee.png"), dir.File("a.png"));
        File.WriteAllText(dir.File("list.txt"), dir.File("a.png") + "\n");
        string list = File.ReadAllText(dir.File("list.txt"));

        var apply = CliRunner.Run(dir.Path, "apply", Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip"), "--inputs-from", "list.txt", "-o", "out", "--manifest", "list.txt", "--force");
        var segment = CliRunner.Run(dir.Path, "segment", "--inputs-from", "list.txt", "-o", "segl", "--manifest", "list.txt", "--force");

        Assert.Equal(2, apply.ExitCode);
        Assert.Equal(2, segment.ExitCode);
        Assert.Contains("would overwrite the --inputs-from list", segment.StdErr, StringComparison.Ordinal);
        Assert.Equal(list, File.ReadAllText(dir.File("list.txt")));
    }
}
