using System.Diagnostics;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>SIGTERM (what service managers, `timeout` and `kill` send) must stop a run as cleanly as Ctrl+C.</summary>
public class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_during_a_batch_stops_it_with_one_line_its_exit_code_and_no_temporary_files(string signal, int expected)
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        for (var i = 0; i < 400; i++)
        {
            File.Copy(TestImages.Sample("astronaut.png"), Path.Combine(photos, $"p{i:D3}.png"));
        }

        string model = Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");
        using Process process = CliRunner.Start(dir.Path, "apply", model, photos, "-o", "out", "--labels");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderrRead = process.StandardError.ReadToEndAsync();
        string outDir = dir.File("out");

        // Wait until the batch is writing, then signal.
        var clock = Stopwatch.StartNew();
        while ((!Directory.Exists(outDir) || Directory.GetFiles(outDir).Length < 3) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Signals.Send(process.Id, signal);

        Assert.True(process.WaitForExit(30_000), "the run did not stop within 30 s of the signal");
        string stderr = await stderrRead;
        _ = await stdout;
        Assert.Equal(expected, process.ExitCode);
        Assert.Contains("cancelled", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SIGTERM_while_segment_writes_many_masks_stops_between_files()
    {
        // 64 masks of a 4 MP image: the writing phase lasts well over the wait. Before, no output writer looked at the
        // token, so a signal there was ignored and the run finished with exit 0.
        using var dir = new TempDirectory();
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(2000, 2000))
        {
            var random = new Random(5);
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    Span<SixLabors.ImageSharp.PixelFormats.Rgb24> row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        row[x] = new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    }
                }
            });
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, dir.File("noise.png"));
        }

        using Process process = CliRunner.Start(dir.Path, "segment", "noise.png", "-k", "64", "-o", "out.png", "--masks", "m");
        Task<string> stderrRead = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while ((!Directory.Exists(dir.File("m")) || Directory.GetFiles(dir.File("m"), "cluster-*.png").Length < 2) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(20);
        }

        Signals.Send(process.Id, "TERM");

        Assert.True(process.WaitForExit(15_000), "segment went on writing after SIGTERM");
        Assert.Equal(143, process.ExitCode);
        Assert.Equal("error: cancelled", (await stderrRead).Trim());
        Assert.True(Directory.GetFiles(dir.File("m"), "cluster-*.png").Length < 64, "every mask was written anyway");
        Assert.Empty(Directory.GetFiles(dir.Path, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SIGTERM_while_palette_reads_a_large_swatch_image_writes_no_model()
    {
        // 64 MP of four colours: decoding it lasts seconds. Before, palette ignored the token, wrote the model and
        // exited 0 after a SIGTERM that came meanwhile (probe F4).
        using var dir = new TempDirectory();
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(8000, 8000))
        {
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    Span<SixLabors.ImageSharp.PixelFormats.Rgb24> row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        row[x] = (((x / 7) + (y / 5)) % 4) switch
                        {
                            0 => new SixLabors.ImageSharp.PixelFormats.Rgb24(230, 57, 70),
                            1 => new SixLabors.ImageSharp.PixelFormats.Rgb24(241, 250, 238),
                            2 => new SixLabors.ImageSharp.PixelFormats.Rgb24(168, 218, 220),
                            _ => new SixLabors.ImageSharp.PixelFormats.Rgb24(29, 53, 87),
                        };
                    }
                }
            });
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, dir.File("swatches.png"));
        }

        using Process process = CliRunner.Start(dir.Path, "palette", "--from-image", "swatches.png", "-o", "brand.zip", "--decoder", "managed");
        Task<string> stderrRead = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500);
        Signals.Send(process.Id, "TERM");

        Assert.True(process.WaitForExit(30_000), "palette went on after SIGTERM");
        string stderr = await stderrRead;
        Assert.Equal(143, process.ExitCode);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("brand.zip")), "a model was written after SIGTERM");
        Assert.Empty(Directory.GetFiles(dir.Path, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));
    }
}
