using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.Imaging;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;

namespace MlNetSegment.Tests.Cli;

/// <summary>Inputs that cannot live in the corpus folder (devices, FIFOs, directories) and CLI notes.</summary>
public class SegmentHostileInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Dev_zero_behind_a_symlink_named_png_fails_quickly_with_one_line()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("zero.png"), "/dev/zero");

        AssertRefused(dir, "zero.png", "not a regular file");
    }

    [Fact]
    public void A_FIFO_named_png_fails_with_one_line_instead_of_waiting_for_a_writer()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        ImageLoaderHostileInputTests.MakeFifo(dir, "pipe.png");

        AssertRefused(dir, "pipe.png", "FIFO");
    }

    [Fact]
    public void A_directory_named_png_fails_with_one_line()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("folder.png"));

        AssertRefused(dir, "folder.png", "directory");
    }

    [Fact]
    public void An_animated_GIF_is_segmented_from_its_first_frame_with_a_note()
    {
        using var dir = new TempDirectory();

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", CorpusManifest.PathOf("gif_animated.gif"), "-k", "3", "-o", "out.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.StartsWith("note: ", StringComparison.Ordinal) && line.Contains("only the first frame", StringComparison.Ordinal));
    }

    [Fact]
    public void A_JPEG_stored_96x64_with_EXIF_orientation_6_gives_a_64x96_output()
    {
        using var dir = new TempDirectory();

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", CorpusManifest.PathOf("jpeg_exif_orientation6.jpg"), "-k", "3", "-o", "out.png");

        Assert.Equal(0, run.ExitCode);
        IImageInfo info = Image.Identify(dir.File("out.png"));
        Assert.Equal((64, 96), (info.Width, info.Height));
    }

    [Fact]
    public void A_missing_input_is_no_such_file_and_the_path_is_named_once()
    {
        // Probe round 8, finding 6: the line used to end "(Could not find file '/full/path/gone.png'.)".
        using var dir = new TempDirectory();

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", "gone.png", "-o", "out.png");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: gone.png: cannot read file (no such file)", Assert.Single(run.ErrorLines));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    private static void AssertRefused(TempDirectory dir, string name, string reason)
    {
        string[] before = Directory.GetFileSystemEntries(dir.Path);

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", name, "-o", "out.png", "--labels", "out.labels.png");

        Assert.False(run.TimedOut, name + " hung");
        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: " + name + ": cannot read file", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir.Path));
    }
}
