using MlNetSegment.Cli;
using MlNetSegment.Imaging;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// The early decode of segment's input must guess the parser's input and limits exactly, or not at all: a wrong guess
/// is only wasted work, but a guess that matched the wrong file would segment the wrong image.
/// </summary>
public class InputPrefetchTests
{
    private static readonly string Coffee = TestImages.Sample("coffee.png");

    [Fact]
    public void The_input_is_found_among_options_and_their_values()
    {
        var guess = InputPrefetch.Guess(["segment", "-k", "10", "-o", "out.png", Coffee, "--labels", "l.png", "--force"]);

        Assert.Equal((Coffee, new ImageLimits()), guess);
    }

    [Fact]
    public void An_option_value_that_names_an_existing_file_is_not_taken_for_the_input()
    {
        // -o's value exists (with --force it may be overwritten); the input is the next positional argument.
        using var dir = new TempDirectory();
        string existing = dir.File("existing.png");
        File.Copy(Coffee, existing);

        var guess = InputPrefetch.Guess(["segment", "-o", existing, "--force", Coffee]);

        Assert.Equal(Coffee, guess?.Path);
    }

    [Fact]
    public void Limits_and_decoder_follow_the_command_line()
    {
        var guess = InputPrefetch.Guess(["segment", Coffee, "--max-pixels=5000", "--decoder", "managed"]);

        Assert.Equal(new ImageLimits { MaxPixels = 5000, Decoder = PixelDecoder.Managed }, guess?.Limits);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--")]
    [InlineData("-")]
    public void Nothing_is_guessed_where_the_parser_could_read_the_line_differently(string odd)
    {
        Assert.Null(InputPrefetch.Guess(["segment", odd, Coffee]));
    }

    [Theory]
    [InlineData("--inputs-from", "list.txt")]
    [InlineData("--shard", "0/2")]
    [InlineData("--manifest", "m.jsonl")]
    [InlineData("--labels", "-o")]
    public void A_batch_is_not_guessed(string option, string value)
    {
        string[] args = option == "--labels" ? ["segment", Coffee, Coffee, option, value, "out"] : ["segment", Coffee, option, value];

        Assert.Null(InputPrefetch.Guess(args));
    }

    [Fact]
    public void An_optional_value_is_read_as_the_parser_reads_it()
    {
        Assert.Equal(Coffee, InputPrefetch.Guess(["segment", "--labels", "l.png", Coffee])?.Path);
        Assert.Equal(Coffee, InputPrefetch.Guess(["segment", Coffee, "--labels", "--force"])?.Path);
    }

    [Fact]
    public void A_missing_input_is_not_guessed()
    {
        Assert.Null(InputPrefetch.Guess(["segment", "/no/such/file.png", "-k", "3"]));
    }

    [Fact]
    public void A_prefetch_is_used_only_for_the_same_file_and_the_same_limits()
    {
        string chelsea = TestImages.Sample("chelsea.png");

        InputPrefetch.StartFor(["segment", Coffee]);
        using (LoadedImage other = InputPrefetch.Current.Take(chelsea, new ImageLimits(), CancellationToken.None))
        using (LoadedImage direct = ImageLoader.LoadWithNotices(chelsea))
        {
            Assert.Equal((direct.Image.Width, direct.Image.Height), (other.Image.Width, other.Image.Height));
        }

        // The prefetch decoded coffee under the default limits; the command's own limit must still refuse it.
        InputPrefetch.StartFor(["segment", Coffee]);
        var ex = Assert.Throws<ImageLoadException>(() => InputPrefetch.Current.Take(Coffee, new ImageLimits { MaxPixels = 1000 }, CancellationToken.None));
        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
    }

    [Fact]
    public void A_prefetched_input_gives_the_image_a_direct_decode_gives()
    {
        InputPrefetch.StartFor(["segment", Coffee, "-k", "4"]);

        using LoadedImage prefetched = InputPrefetch.Current.Take(Coffee, new ImageLimits(), CancellationToken.None);
        using LoadedImage direct = ImageLoader.LoadWithNotices(Coffee);

        Assert.Equal(direct.Format, prefetched.Format);
        Assert.True(direct.Image.DangerousTryGetSinglePixelMemory(out var a));
        Assert.True(prefetched.Image.DangerousTryGetSinglePixelMemory(out var b));
        Assert.True(a.Span.SequenceEqual(b.Span));
    }
}
