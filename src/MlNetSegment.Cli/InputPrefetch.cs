using System.Globalization;
using MlNetSegment.Imaging;

namespace MlNetSegment.Cli;

/// <summary>
/// Starts decoding <c>segment</c>'s input on another core as soon as the process starts, while the command line is
/// parsed and validated; the command then takes the decoded image if it asks for the very same file with the very
/// same limits, and decodes it itself otherwise.
/// </summary>
/// <remarks>
/// Why: runtime start and argument parsing take about 0.15 s of a fresh process, and decoding an 8–16 MP photo takes
/// 0.1–0.25 s; both are on the critical path of a run, one after the other. Nothing here changes what a run does or
/// writes: the decode is the same <see cref="ImageLoader.LoadWithNotices"/> call behind the same guards, and its result
/// (image or exception) is used only when the command's input and limits equal the guessed ones. A guess that turns
/// out wrong costs only the wasted decode.
/// </remarks>
internal sealed class InputPrefetch
{
    private static readonly InputPrefetch None = new(null, null, null);

    private readonly string? _path;
    private readonly ImageLimits? _limits;
    private readonly Task<LoadedImage>? _load;

    private InputPrefetch(string? path, ImageLimits? limits, Task<LoadedImage>? load)
    {
        _path = path;
        _limits = limits;
        _load = load;
    }

    /// <summary>The prefetch of this process (none until <see cref="StartFor"/>).</summary>
    public static InputPrefetch Current { get; private set; } = None;

    /// <summary>Starts decoding the input of a <c>segment</c> command line, when one can be found in it.</summary>
    public static void StartFor(string[] args)
    {
        if (args.Length < 2 || args[0] != "segment" || Guess(args) is not var (path, limits))
        {
            return;
        }

        Current = new InputPrefetch(path, limits, Task.Run(() => ImageLoader.LoadWithNotices(path, limits)));
    }

    /// <summary>
    /// The decoded <paramref name="path"/>: the prefetched one when it was guessed right, else a fresh decode.
    /// Exceptions are those of <see cref="ImageLoader.LoadWithNotices"/> either way.
    /// </summary>
    public LoadedImage Take(string path, ImageLimits limits, CancellationToken cancellationToken)
    {
        Task<LoadedImage>? load = _load;
        Current = None;
        if (load is not null && path == _path && limits == _limits)
        {
            return load.GetAwaiter().GetResult();
        }

        if (load is not null)
        {
            // A wrong guess: drop its image (or its error) once it is done, without waiting for it here.
            _ = load.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        return ImageLoader.LoadWithNotices(path, limits, cancellationToken);
    }

    // The first argument that is neither an option nor an option's value, with --max-pixels and --decoder as given.
    // Which options take a value is read from the settings' own attributes, so the guess follows the parser.
    internal static (string Path, ImageLimits Limits)? Guess(string[] args)
    {
        // The same table as the usage checks, read once for both.
        Dictionary<string, VerbOption> options = VerbOptions.Of("segment")!;

        string? input = null;
        long maxPixels = ImageLimits.Defaults.MaxPixels;
        var decoder = PixelDecoder.Native;
        for (var i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                return null; // what follows is positional whatever it looks like: leave it to the parser
            }

            if (!arg.StartsWith('-') || arg.Length == 1)
            {
                if (input is not null)
                {
                    return null; // several inputs: a batch, which decodes its images itself
                }

                input = arg;
                continue;
            }

            string name = arg.Split('=', 2)[0];
            if (!options.TryGetValue(name, out VerbOption? option) || name is "--inputs-from" or "--shard" or "--manifest")
            {
                return null; // an option the parser will refuse, or a batch
            }

            string? value = arg.Contains('=', StringComparison.Ordinal) ? arg[(name.Length + 1)..] : null;
            // A value always, never, or (an optional one, such as --labels [PATH]) when the next argument is no option,
            // as the parser reads it.
            if (value is null && !option.IsFlag && (!option.ValueIsOptional || (i + 1 < args.Length && !args[i + 1].StartsWith('-'))))
            {
                value = ++i < args.Length ? args[i] : null;
            }

            if (name == "--max-pixels" && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxPixels))
            {
                return null;
            }

            if (name == "--decoder")
            {
                decoder = value == "managed" ? PixelDecoder.Managed : PixelDecoder.Native;
            }
        }

        if (input is null || input == "-" || maxPixels < 1 || !File.Exists(input))
        {
            return null;
        }

        return (input, new ImageLimits { MaxPixels = maxPixels, Decoder = decoder });
    }
}
