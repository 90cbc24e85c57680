using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

public class InputsFromTests
{
    [Fact]
    public void Apply_reads_a_list_from_a_file_or_standard_input_after_the_command_line_inputs()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("sub"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("sub/coffee.png"));
        File.Copy(TestImages.Sample("chelsea.png"), dir.File("chelsea.png"));
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", "chelsea.png", "-k", "4", "--save-model", "m.zip", "-o", "x.png").ExitCode);
        File.WriteAllText(dir.File("list.txt"), "sub/coffee.png\n\n./chelsea.png\r\n" + TestImages.Sample("rocket.jpg") + "\n");

        var fromFile = CliRunner.Run(dir.Path, "apply", "m.zip", "chelsea.png", "--inputs-from", "list.txt", "-o", "a");
        var fromStdin = CliRunner.RunWithInput(dir.Path, File.ReadAllText(dir.File("list.txt")), "apply", "m.zip", "--inputs-from", "-", "-o", "b");

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Contains("apply: 3 succeeded", fromFile.StdOut, StringComparison.Ordinal);
        Assert.Equal(["a/chelsea.segmented.png", "a/rocket.segmented.png", "a/sub/coffee.segmented.png"], Outputs(dir, "a"));
        Assert.Equal(["b/chelsea.segmented.png", "b/rocket.segmented.png", "b/sub/coffee.segmented.png"], Outputs(dir, "b"));
        Assert.Equal(File.ReadAllBytes(dir.File("a/sub/coffee.segmented.png")), File.ReadAllBytes(dir.File("b/sub/coffee.segmented.png")));
    }

    [Fact]
    public void Train_on_a_list_writes_the_same_model_bytes_as_train_on_the_same_files_named()
    {
        using var dir = new TempDirectory();
        string[] images = [TestImages.Sample("coffee.png"), TestImages.Sample("chelsea.png")];
        File.WriteAllText(dir.File("list.txt"), string.Join('\n', images));

        var named = CliRunner.Run(dir.Path, ["train", .. images, "-k", "5", "-o", "named.zip", "--sample-pixels", "20000"]);
        var listed = CliRunner.Run(dir.Path, "train", "--inputs-from", "list.txt", "-k", "5", "-o", "listed.zip", "--sample-pixels", "20000");

        Assert.Equal(0, named.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("named.zip")), File.ReadAllBytes(dir.File("listed.zip")));
    }

    [Fact]
    public void A_bad_list_is_one_line_naming_it_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "segment", TestImages.Sample("chelsea.png"), "-k", "4", "--save-model", "m.zip", "-o", "x.png").ExitCode);
        File.WriteAllBytes(dir.File("binary.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);

        foreach (string list in new[] { "missing.txt", "binary.txt" })
        {
            var result = CliRunner.Run(dir.Path, "apply", "m.zip", "--inputs-from", list, "-o", "out");

            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.ErrorLines);
            Assert.StartsWith($"error: {list}: ", result.StdErr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir.File("out")));
        }
    }

    [Fact]
    public void Without_inputs_or_a_list_apply_and_train_are_usage_errors_and_a_lone_dash_is_still_refused()
    {
        using var dir = new TempDirectory();

        var apply = CliRunner.Run(dir.Path, "apply", "m.zip", "-o", "out");
        var train = CliRunner.Run(dir.Path, "train", "-o", "m.zip");
        var dash = CliRunner.Run(dir.Path, "apply", "m.zip", "-", "-o", "out");

        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("apply needs at least one input image (or --inputs-from FILE)", apply.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("train needs at least one input (or --inputs-from FILE)", train.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, dash.ExitCode);
        Assert.Contains("'-' (standard input or output) is not supported", dash.StdErr, StringComparison.Ordinal);
    }

    private static string[] Outputs(TempDirectory dir, string folder) =>
        [.. Directory.EnumerateFiles(dir.File(folder), "*.png", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.Path, f)).Order(StringComparer.Ordinal)];
}
