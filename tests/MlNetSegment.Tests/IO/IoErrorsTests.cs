using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

/// <summary>
/// File errors read as "PATH: reason": the reason in the system's words, without the runtime's second copy of the path
/// (probe round 8, finding 6). The exceptions here are the runtime's own, raised by real file calls.
/// </summary>
public class IoErrorsTests
{
    [Fact]
    public void A_missing_file_is_no_such_file()
    {
        using var dir = new TempDirectory();

        Exception ex = Assert.ThrowsAny<IOException>(() => File.OpenRead(dir.File("gone.png")));

        Assert.Equal("no such file", IoErrors.Describe(ex));
        Assert.Equal(dir.File("gone.png") + ": no such file", IoErrors.AsLine(ex));
    }

    [Fact]
    public void A_missing_folder_on_the_path_says_so()
    {
        using var dir = new TempDirectory();

        Exception ex = Assert.ThrowsAny<IOException>(() => File.OpenRead(dir.File(Path.Combine("no", "gone.png"))));

        Assert.Equal("a folder on its path does not exist, or is a file", IoErrors.Describe(ex));
    }

    [Fact]
    public void A_symbolic_link_loop_is_said_in_the_systems_words()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("a.png"), dir.File("b.png"));
        File.CreateSymbolicLink(dir.File("b.png"), dir.File("a.png"));

        Exception ex = Assert.ThrowsAny<IOException>(() => File.OpenRead(dir.File("a.png")));

        Assert.Equal("too many levels of symbolic links", IoErrors.Describe(ex));
        Assert.Equal(dir.File("a.png") + ": too many levels of symbolic links", IoErrors.AsLine(ex));
    }

    [Fact]
    public void A_full_disk_is_no_space_left_on_device()
    {
        Exception ex = Assert.ThrowsAny<IOException>(WriteToFullDevice);

        Assert.Equal("no space left on device", IoErrors.Describe(ex));
    }

    [Fact]
    public void A_failed_write_names_the_output_not_the_temporary_file_nor_the_path_twice()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.png");

        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => WriteToFullDevice(), overwrite: false));

        Assert.Equal(path + ": no space left on device", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_message_of_ours_is_left_to_its_own_words()
    {
        var ours = new IOException("out: output folder does not exist");

        Assert.Null(IoErrors.AsLine(ours));
        Assert.Equal("out: output folder does not exist", IoErrors.Describe(ours));
    }

    [Fact]
    public void Permission_errors_name_the_path_once()
    {
        // Tests run as root, which no permission stops: this is the runtime's text for EACCES, as .NET 10 words it.
        var ex = new UnauthorizedAccessException("Access to the path '/srv/out/masks' is denied.");

        Assert.Equal("/srv/out/masks: permission denied", IoErrors.AsLine(ex));
    }

    // /dev/full takes every open and fails every write with ENOSPC, as a full disk does.
    private static void WriteToFullDevice()
    {
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        full.Write(new byte[16]);
    }
}
