using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class ShardLockTests
{
    [Fact]
    public void Shards_of_one_folder_run_together_but_each_shard_and_the_whole_folder_once()
    {
        using var dir = new TempDirectory();

        using (OutputFolderLock.Acquire(dir.Path, new Shard(0, 3)))
        using (OutputFolderLock.Acquire(dir.Path, new Shard(1, 3)))
        {
            Assert.Contains("shard 0/3 of this output folder is in use", Assert.Throws<IOException>(() => OutputFolderLock.Acquire(dir.Path, new Shard(0, 3))).Message, StringComparison.Ordinal);
            Assert.Contains("output folder is in use", Assert.Throws<IOException>(() => OutputFolderLock.Acquire(dir.Path)).Message, StringComparison.Ordinal);
        }

        using (OutputFolderLock.Acquire(dir.Path))
        {
            Assert.Throws<IOException>(() => OutputFolderLock.Acquire(dir.Path, new Shard(2, 3)));
        }

        using (OutputFolderLock.Acquire(dir.Path, new Shard(2, 3)))
        {
        }

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_lock_file_left_by_a_killed_run_does_not_block()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, OutputFolderLock.FileName), string.Empty);
        File.WriteAllText(Path.Combine(dir.Path, OutputFolderLock.ShardFilePrefix + "1-of-2.lock"), string.Empty);

        using (OutputFolderLock.Acquire(dir.Path, new Shard(0, 2)))
        {
        }

        using (OutputFolderLock.Acquire(dir.Path))
        {
        }
    }

    [Fact]
    public void A_shard_deletes_the_stale_temporary_files_of_its_own_outputs_only()
    {
        using var dir = new TempDirectory();
        string mine = dir.File("a.segmented.png");
        string longName = new string('l', 250) + ".png";
        string[] stale =
        [
            dir.File(AtomicFile.TempName("a.segmented.png")),
            dir.File(AtomicFile.TempName(longName)),
        ];
        string[] others =
        [
            dir.File(AtomicFile.TempName("b.segmented.png")),
            dir.File(AtomicFile.TempName("a.segmented.png.x")),
            dir.File(AtomicFile.TempPrefix + "probe-12345678.tmp"),
        ];
        foreach (string file in stale.Concat(others))
        {
            File.WriteAllText(file, "x");
        }

        int deleted = AtomicFile.DeleteStaleTempFilesOf([mine, dir.File(longName), dir.File("missing/c.png")]);

        Assert.Equal(2, deleted);
        Assert.All(stale, f => Assert.False(File.Exists(f)));
        Assert.All(others, f => Assert.True(File.Exists(f)));
    }
}
