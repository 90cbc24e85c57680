using System.Diagnostics;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>Findings of the third fresh hostile-input probe (issue 12), each through the real CLI.</summary>
public class ProbeRound3Tests
{
    private static readonly string Model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    [Fact]
    public void A_folder_too_deep_to_walk_fails_as_one_input_and_the_rest_of_the_batch_runs()
    {
        // C19: a chain of folders past the system's 4,096-byte path limit ended the whole --recursive walk with an
        // exception, before any image was read. Made with relative mkdir, as only that reaches past the limit.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("in"));
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("in/top.png"));
        using (Process mkdir = Process.Start(new ProcessStartInfo("bash", ["-c", "cd in && for i in $(seq 1 520); do mkdir dddddddd && cd dddddddd || exit 1; done"]) { WorkingDirectory = dir.Path })!)
        {
            mkdir.WaitForExit();
        }

        CliRunner.Result run;
        try
        {
            run = CliRunner.Run(dir.Path, "apply", Model, "in", "--recursive", "-o", "out", "--manifest", "m.jsonl");
        }
        finally
        {
            // .NET cannot delete what it cannot walk; rm works with relative handles.
            using Process rm = Process.Start(new ProcessStartInfo("rm", ["-rf", "in/dddddddd"]) { WorkingDirectory = dir.Path })!;
            rm.WaitForExit();
        }

        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(dir.File("out/top.segmented.png")));
        string error = Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("too deep to walk", error, StringComparison.Ordinal);
        Assert.True(error.Length < 600, "the error line holds the whole path");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(dir.File("m.jsonl")).Length);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    public void Summarize_names_the_file_and_line_of_a_lone_surrogate_escape(string escape)
    {
        // C18: GetString threw InvalidOperationException, printed without file or line.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sur.jsonl"), "{\"input\":\"a" + escape + "b.png\",\"status\":\"ok\",\"outputs\":[],\"error\":null}\n");

        var run = CliRunner.Run(dir.Path, "summarize", "sur.jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: sur.jsonl: line 1: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_removes_temporary_files_a_killed_run_left_beside_its_outputs()
    {
        // C32: apply cleaned its output folder on a rerun; single-image segment did not.
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));
        Directory.CreateDirectory(dir.File("o"));
        string staleOutput = dir.File("o/" + AtomicFile.TempPrefix + "seg.png.7d409341.tmp");
        string staleProbe = dir.File("o/" + AtomicFile.TempPrefix + "probe-c8621cf5.tmp");
        string otherRun = dir.File("o/" + AtomicFile.TempPrefix + "unrelated.png.11b6bb29.tmp");
        foreach (string stale in new[] { staleOutput, staleProbe, otherRun })
        {
            File.WriteAllText(stale, "left by a killed run");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        }

        var run = CliRunner.Run(dir.Path, "segment", "a.png", "-k", "4", "-o", "o/seg.png");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(staleOutput));
        Assert.False(File.Exists(staleProbe));
        Assert.True(File.Exists(otherRun), "a temporary file of another output was removed");
    }

    [Fact]
    public void An_output_folder_or_a_manifest_under_a_file_is_refused_naming_the_file_before_creating_anything()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));
        File.Copy(TestImages.Sample("coffee.png"), dir.File("b.png"));
        File.WriteAllText(dir.File("afile"), "x");

        var apply = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "afile/sub");
        var batch = CliRunner.Run(dir.Path, "segment", "a.png", "b.png", "-k", "3", "-o", "afile/sub/deeper");
        var manifest = CliRunner.Run(dir.Path, "segment", "a.png", "b.png", "-k", "3", "-o", "outdir", "--manifest", "afile/m.jsonl");

        Assert.Equal(2, apply.ExitCode);
        Assert.Equal("error: afile/sub: -o names the output folder, and afile is a file", Assert.Single(apply.ErrorLines));
        Assert.Equal(2, batch.ExitCode);
        Assert.Equal("error: afile/sub/deeper: -o names the output folder, and afile is a file", Assert.Single(batch.ErrorLines));
        Assert.Equal(2, manifest.ExitCode);
        Assert.Equal("error: afile/m.jsonl: --manifest cannot be written there, afile is a file", Assert.Single(manifest.ErrorLines));
        Assert.False(Directory.Exists(dir.File("outdir")));
        Assert.Equal("x", File.ReadAllText(dir.File("afile")));
    }

    [Fact]
    public void Apply_refuses_an_output_folder_that_is_a_file_and_a_manifest_that_is_a_folder_before_creating_anything()
    {
        using var dir = new TempDirectory();
        File.Copy(TestImages.Sample("astronaut.png"), dir.File("a.png"));
        File.WriteAllText(dir.File("afile"), "x");
        Directory.CreateDirectory(dir.File("mdir"));

        var file = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "afile");
        var manifest = CliRunner.Run(dir.Path, "apply", Model, "a.png", "-o", "newout", "--manifest", "mdir");

        Assert.Equal(2, file.ExitCode);
        Assert.Equal("error: afile: -o names the output folder, and this is a file", Assert.Single(file.ErrorLines));
        Assert.Equal(2, manifest.ExitCode);
        Assert.Equal("error: mdir: --manifest needs a file name, and this is a folder", Assert.Single(manifest.ErrorLines));
        Assert.False(Directory.Exists(dir.File("newout")));
    }

    [Theory]
    [InlineData(1000, 1)]
    [InlineData(30000, 10)]
    [InlineData(1, 4000)]
    public void A_contact_sheet_of_a_very_wide_or_tall_image_stays_small(int width, int height)
    {
        // Round 4: panels kept the aspect at 360 px high, so a 1000 x 1 image made a sheet of 600 million pixels
        // (4.8 GB, 30 s, then a NullReferenceException), and 30000 x 1 failed without naming the file.
        using var dir = new TempDirectory();
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(width, height))
        {
            var random = new Random(4);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    foreach (ref SixLabors.ImageSharp.PixelFormats.Rgb24 p in rows.GetRowSpan(y))
                    {
                        p = new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    }
                }
            });
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, dir.File("w.png"));
        }

        MeasuredCliRun.Result run = MeasuredCliRun.Run(dir.Path, TimeSpan.FromSeconds(60), "segment", "w.png", "-k", "4", "-o", "o.png", "--sheet", "s.png");

        Assert.False(run.TimedOut);
        Assert.Equal(0, run.ExitCode);
        SixLabors.ImageSharp.IImageInfo sheet = SixLabors.ImageSharp.Image.Identify(dir.File("s.png"));
        Assert.True((long)sheet.Width * sheet.Height < 5_000_000, $"sheet {sheet.Width} x {sheet.Height}");
        Assert.True(run.PeakBytes < 1L << 30, $"peak {run.PeakBytes >> 20} MiB");
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_stops_a_run_blocked_on_an_input_list_FIFO_with_no_writer(string signal, int expected)
    {
        // Round 4: opening the FIFO blocks and never looks at the token; the run outlived the signal until a writer came.
        using var dir = new TempDirectory();
        using (Process mkfifo = Process.Start("mkfifo", dir.File("list"))!)
        {
            mkfifo.WaitForExit();
        }

        using Process process = CliRunner.Start(dir.Path, "apply", Model, "--inputs-from", "list", "-o", "out");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();

        // Opening the FIFO to write returns once the run has opened it to read: past start-up, its signal handlers
        // in place, and now blocked reading a list that never comes (this writer writes nothing).
        Task<FileStream> writer = Task.Run(() => new FileStream(dir.File("list"), FileMode.Open, FileAccess.Write));
        await using FileStream silentWriter = await writer.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(300);
        Signals.Send(process.Id, signal);

        bool stopped = process.WaitForExit(10_000);
        if (!stopped)
        {
            process.Kill();
        }

        Assert.True(stopped, "the run did not stop within 10 s of the signal");
        Assert.Equal(expected, process.ExitCode);
        Assert.Equal("error: cancelled", (await stderr).Trim());
    }

    [Fact]
    public void An_error_line_about_a_huge_value_is_shortened()
    {
        using var dir = new TempDirectory();

        var run = CliRunner.Run(dir.Path, "palette", "--colors", "#" + new string('a', 10_000), "-o", "p.zip");

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: --colors", line, StringComparison.Ordinal);
        Assert.True(line.Length <= 1_010, $"{line.Length} characters");
    }
}
