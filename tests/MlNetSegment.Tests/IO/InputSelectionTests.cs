using System.Diagnostics;
using System.Text;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class InputSelectionTests
{
    [Fact]
    public void Command_line_inputs_come_first_then_the_list_each_path_once()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.png"), "x");
        File.WriteAllText(dir.File("b.png"), "x");
        string list = $"{dir.File("b.png")}\n{dir.File("a.png")}\n{dir.Path}/./b.png\n{dir.File("c.png")}\n{dir.File("c.png")}\n";

        InputSelection selection = InputSelection.Gather([dir.File("a.png")], new StringReader(list), "list.txt", recursive: false);

        Assert.Equal([dir.File("a.png"), dir.File("b.png"), dir.File("c.png")], selection.Files.Select(f => f.Path));
        Assert.Equal(5, selection.ListedPaths);
    }

    [Fact]
    public void Listed_patterns_and_directories_are_taken_literally()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.png"), "x");
        string list = $"{dir.Path}/*.png\n{dir.Path}\n";

        InputSelection selection = InputSelection.Gather([], new StringReader(list), "list.txt", recursive: true);

        Assert.Equal([$"{dir.Path}/*.png", dir.Path], selection.Files.Select(f => f.Path));
    }

    [Fact]
    public void Listed_files_inside_the_output_folder_are_left_out_and_counted()
    {
        using var dir = new TempDirectory();
        string list = $"{dir.File("a.png")}\n{dir.File("out/a.segmented.png")}\n{dir.File("out")}\n{dir.File("outside.png")}\n";

        InputSelection selection = InputSelection.Gather([], new StringReader(list), "list.txt", recursive: false, excludedFolder: dir.File("out") + "/");

        Assert.Equal([dir.File("a.png"), dir.File("outside.png")], selection.Files.Select(f => f.Path));
        Assert.Equal(2, selection.LeftOutInOutputFolder);
    }

    [Fact]
    public void A_million_listed_paths_are_gathered_without_touching_the_files()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 1_000_000; i++)
        {
            text.Append("/nonexistent/images/").Append(i % 1000).Append('/').Append(i).Append(".png\n");
        }

        // Every path twice: the duplicate check must be a set, not a scan (a scan would take hours here).
        string twice = text.ToString() + text;
        var clock = Stopwatch.StartNew();
        InputSelection selection = InputSelection.Gather([], new StringReader(twice), "list.txt", recursive: false);

        Assert.Equal(1_000_000, selection.Files.Count);
        Assert.Equal("/nonexistent/images/999/999999.png", selection.Files[^1].Path);
        Assert.Equal("999999", selection.Files[^1].RelativeStem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
