using System.Diagnostics;
using System.Runtime.InteropServices;
using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Probe F14: file names that are not UTF-8 (Linux allows any bytes). .NET reads them with U+FFFD for each bad byte
/// and then cannot open them; each must fail as itself, with one line that says why, and a batch must go on.
/// </summary>
public class NonUtf8NameTests
{
    private const string Bad = "\uFFFD";

    [Fact]
    public void Apply_fails_each_file_and_folder_whose_name_is_not_UTF8_and_segments_the_rest()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        try
        {
            MakeInputs(dir);

            var run = CliRunner.Run(dir.Path, "apply", ModelPath, "in", "-o", "out", "--recursive");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("apply: 1 succeeded, 0 skipped (outputs exist), 4 failed", run.StdOut, StringComparison.Ordinal);
            Assert.True(File.Exists(dir.File("out/ok.segmented.png")));
            string[] errors = [.. run.ErrorLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            Assert.Equal(
                [
                    $"error: in/caf{Bad}.png: cannot read file (its name is not valid UTF-8, shown with {Bad} for each bad byte; .NET cannot open such a name, rename it)",
                    $"error: in/sub{Bad}/: cannot read file (a folder name in its path is not valid UTF-8, shown with {Bad} for each bad byte; .NET cannot open such a name, rename the folder)",
                    $"error: in/{Bad}.png: cannot read file (its name is not valid UTF-8, shown with {Bad} for each bad byte; .NET cannot open such a name, rename it)",
                    $"error: in/{Bad}.png: cannot read file (its name is not valid UTF-8, shown with {Bad} for each bad byte; .NET cannot open such a name, rename it)",
                ],
                errors);
            Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            RemoveAll(dir);
        }
    }

    [Fact]
    public void Train_skips_each_file_and_folder_whose_name_is_not_UTF8_and_still_writes_the_model()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        try
        {
            MakeInputs(dir);

            var run = CliRunner.Run(dir.Path, "train", "in", "--recursive", "-k", "3", "-o", "m.zip");

            Assert.Equal(1, run.ExitCode);
            Assert.True(File.Exists(dir.File("m.zip")));
            Assert.Contains("of 1 image(s) -> m.zip; 4 skipped", run.StdOut, StringComparison.Ordinal);
            Assert.Equal(4, run.ErrorLines.Count(l => l.Contains("is not valid UTF-8", StringComparison.Ordinal) && l.EndsWith("(skipped)", StringComparison.Ordinal)));
        }
        finally
        {
            RemoveAll(dir);
        }
    }

    [Fact]
    public void Segment_names_an_input_that_is_not_UTF8_and_refuses_such_an_output_name()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // .NET cannot pass such an argument to a process, so a shell makes it from octal escapes.
        using var dir = new TempDirectory();
        try
        {
            MakeInputs(dir);

            var input = Shell(dir, @"segment ""$(printf 'in/\377.png')"" -k 3 -o out.png");
            var output = Shell(dir, @"segment in/ok.png -k 3 -o ""$(printf '\377.png')""");

            Assert.Equal(1, input.ExitCode);
            Assert.Equal(
                $"error: in/{Bad}.png: cannot read file (its name is not valid UTF-8, shown with {Bad} for each bad byte; .NET cannot open such a name, rename it)",
                Assert.Single(input.ErrorLines));
            Assert.Equal(2, output.ExitCode);
            Assert.Equal(
                $"error: {Bad}.png: the name is not valid UTF-8 (shown with {Bad} for each bad byte); .NET can only write it as shown, so choose another name",
                Assert.Single(output.ErrorLines));
            Assert.False(File.Exists(dir.File(Bad + ".png")));
            Assert.False(File.Exists(dir.File("out.png")));
        }
        finally
        {
            RemoveAll(dir);
        }
    }

    private static string ModelPath => Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    // in/ok.png, and four that .NET cannot open: in/\xFF.png and in/\xFE.png (both read as "�.png"),
    // in/caf\xE9.png (Latin-1), and the folder in/sub\xFF/ holding a good image.
    private static void MakeInputs(TempDirectory dir)
    {
        string png = CorpusManifest.PathOf("png_rgb8.png");
        Directory.CreateDirectory(dir.File("in/sub"));
        File.Copy(png, dir.File("in/ok.png"));
        File.Copy(png, dir.File("in/sub/inner.png"));
        foreach ((string from, byte[] to) in new (string, byte[])[]
        {
            ("a.png", [0xFF, .. ".png"u8]), ("b.png", [0xFE, .. ".png"u8]), ("c.png", [.. "caf"u8, 0xE9, .. ".png"u8]),
        })
        {
            File.Copy(png, dir.File("in/" + from));
            Rename(dir.File("in/" + from), [.. System.Text.Encoding.UTF8.GetBytes(dir.File("in/")), .. to]);
        }

        Rename(dir.File("in/sub"), [.. System.Text.Encoding.UTF8.GetBytes(dir.File("in/sub")), 0xFF]);
    }

    private static CliRunner.Result Shell(TempDirectory dir, string arguments) => CliRunner.Shell(dir.Path, arguments);

    // .NET cannot delete what it cannot name either.
    private static void RemoveAll(TempDirectory dir)
    {
        using Process? rm = Process.Start("rm", ["-rf", dir.Path]);
        rm?.WaitForExit();
    }

    private static void Rename(string from, byte[] to)
    {
        byte[] source = [.. System.Text.Encoding.UTF8.GetBytes(from), 0];
        Assert.Equal(0, NativeRename(source, [.. to, 0]));
    }

    [DllImport("libc.so.6", EntryPoint = "rename", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeRename(byte[] from, byte[] to);
}
