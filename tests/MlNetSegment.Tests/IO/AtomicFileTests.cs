using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void A_writer_that_fails_half_way_leaves_no_file_at_all()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.png");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(
            path,
            stream =>
            {
                stream.Write(new byte[1000]);
                throw new InvalidOperationException("encoder failed");
            },
            overwrite: false));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_existing_file_is_kept_unless_overwrite_is_asked()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.png");
        File.WriteAllText(path, "original");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => s.WriteByte(1), overwrite: false));
        Assert.Equal("original", File.ReadAllText(path));

        AtomicFile.Write(path, s => s.Write("new"u8), overwrite: true);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_missing_output_folder_is_reported_clearly()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<IOException>(() => AtomicFile.EnsureWritableFolder(dir.File("missing")));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
