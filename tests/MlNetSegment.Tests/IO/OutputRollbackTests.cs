using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class OutputRollbackTests
{
    [Fact]
    public void Undo_removes_the_files_and_empty_folders_the_run_created_and_nothing_that_was_there()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("kept.png"), "from an earlier run");
        string masks = dir.File("masks");
        OutputRollback rollback = OutputRollback.Begin(
            [dir.File("kept.png"), dir.File("new.png"), Path.Combine(masks, "cluster-0.png"), null], masks);

        File.WriteAllText(dir.File("kept.png"), "replaced under --force");
        File.WriteAllText(dir.File("new.png"), "written by the failed run");
        Directory.CreateDirectory(masks);
        File.WriteAllText(Path.Combine(masks, "cluster-0.png"), "written by the failed run");
        File.WriteAllText(dir.File("unrelated.txt"), "not an output");
        rollback.Undo();

        Assert.Equal("replaced under --force", File.ReadAllText(dir.File("kept.png")));
        Assert.False(File.Exists(dir.File("new.png")));
        Assert.False(Directory.Exists(masks));
        Assert.True(File.Exists(dir.File("unrelated.txt")));
    }

    [Fact]
    public void A_folder_that_holds_anything_else_is_kept()
    {
        using var dir = new TempDirectory();
        string masks = dir.File("masks");
        OutputRollback rollback = OutputRollback.Begin([Path.Combine(masks, "cluster-0.png")], masks);
        Directory.CreateDirectory(masks);
        File.WriteAllText(Path.Combine(masks, "cluster-0.png"), "x");
        File.WriteAllText(Path.Combine(masks, "notes.txt"), "the user's");

        rollback.Undo();

        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(masks).Select(Path.GetFileName));
    }
}
