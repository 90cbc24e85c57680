using System.Diagnostics;
using System.Text;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class InputListTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("")]
    public void A_line_one_character_over_the_limit_is_refused_with_or_without_a_final_newline(string end)
    {
        // Probe F9: 4,097 characters passed, because the check left room for a CRLF's carriage return that was not there.
        string text = "a.png\n" + new string('x', InputList.MaxLineLength + 1) + end;
        var error = Assert.Throws<IOException>(() => InputList.ReadPaths(new StringReader(text), "list.txt").ToList());
        Assert.Contains("line 2 is longer than", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, InputList.ReadPaths(new StringReader("a.png\n" + new string('x', InputList.MaxLineLength) + "\r\n"), "list.txt").Count());
    }

    [Fact]
    public void Lines_are_paths_taken_literally_and_blank_lines_are_ignored()
    {
        string text = "\uFEFFa.png\n\n   \n\t\r\nsub/b c.png\r\n*.png\n photos/[x].jpg \nlast.gif";

        string[] paths = [.. InputList.ReadPaths(new StringReader(text), "list.txt")];

        Assert.Equal(["\uFEFFa.png", "sub/b c.png", "*.png", " photos/[x].jpg ", "last.gif"], paths);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_when_the_list_is_opened_as_a_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("list.txt"), [.. Encoding.UTF8.GetPreamble(), .. "a.png\nb.png\n"u8]);

        using TextReader reader = InputList.OpenFile(dir.File("list.txt"));

        Assert.Equal(["a.png", "b.png"], InputList.ReadPaths(reader, "list.txt"));
    }

    [Fact]
    public void A_line_longer_than_a_path_can_be_is_refused_naming_the_list_and_the_line()
    {
        string text = "a.png\n" + new string('x', InputList.MaxLineLength + 2) + "\n";

        var error = Assert.Throws<IOException>(() => InputList.ReadPaths(new StringReader(text), "list.txt").ToList());

        Assert.Equal($"list.txt: line 2 is longer than {InputList.MaxLineLength} characters; --inputs-from reads one path per line", error.Message);
    }

    [Fact]
    public void A_line_of_exactly_the_longest_length_is_accepted_with_or_without_a_carriage_return()
    {
        string path = new('x', InputList.MaxLineLength);

        Assert.Equal([path, path], InputList.ReadPaths(new StringReader(path + "\r\n" + path), "list.txt"));
    }

    [Fact]
    public void A_binary_file_is_refused_at_its_first_nul_without_reading_further()
    {
        var error = Assert.Throws<IOException>(() => InputList.ReadPaths(new StringReader("a.png\nb\0c"), "-").ToList());

        Assert.Equal("standard input: line 2 holds a NUL character; --inputs-from reads text, one path per line", error.Message);
    }

    [Fact]
    public void A_missing_list_and_a_directory_are_one_line_errors_naming_them()
    {
        using var dir = new TempDirectory();

        Assert.Equal($"{dir.File("nope.txt")}: input list not found", Assert.Throws<IOException>(() => InputList.OpenFile(dir.File("nope.txt"))).Message);
        Assert.Contains("is a directory", Assert.Throws<IOException>(() => InputList.OpenFile(dir.Path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/work/tiles/12/3.png", "/work", "tiles/12/3")]
    [InlineData("/work/a.b.png", "/work", "a.b")]
    [InlineData("/work/a.png", "/", "work/a")]
    [InlineData("/data/x/a.png", "/work", "a")]
    [InlineData("/workshop/a.png", "/work", "a")]
    [InlineData("/work/noext", "/work/", "noext")]
    public void A_listed_file_keeps_its_folders_below_the_current_folder_and_only_its_name_elsewhere(string full, string current, string stem)
    {
        Assert.Equal(stem, InputList.StemOf(full, current));
    }

    [Fact]
    public void A_million_lines_are_read_in_one_pass()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 1_000_000; i++)
        {
            text.Append("images/").Append(i % 1000).Append('/').Append(i).Append(".png\n");
        }

        var clock = Stopwatch.StartNew();
        long count = InputList.ReadPaths(new StringReader(text.ToString()), "list.txt").LongCount();

        Assert.Equal(1_000_000, count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}
