using System.Diagnostics;
using System.Security.Cryptography;
using MlNetSegment.Imaging;
using MlNetSegment.Segmentation;
using MlNetSegment.Training;

namespace MlNetSegment.Fuzz;

/// <summary>
/// A seeded mutation fuzzer over the decode → segment path: each input is a mutated seed file, loaded with
/// <see cref="ImageLoader.Load(Stream, string, ImageLimits?, CancellationToken)"/> and, when it decodes, segmented.
/// Refusing an input with <see cref="ImageLoadException"/> is correct behaviour; any other exception is a crash, and
/// not finishing within the input timeout is a hang.
/// </summary>
/// <remarks>
/// Each input runs on its own background thread so that a hang (a decoder spinning forever ignores cancellation) is
/// abandoned and recorded, and the run goes on. Input <c>i</c> comes from <c>new Random(seed * 1_000_003 + i)</c>,
/// so any finding can be regenerated from the seed and its index alone.
/// </remarks>
public static class Fuzzer
{
    // Small limits keep a run fast: a mutated header that declares 10,000 x 10,000 would be decoded for seconds.
    private static readonly ImageLimits Limits = new() { MaxPixels = 2_000_000 };

    private static readonly PaletteTrainingOptions Segmentation = new()
    {
        Clusters = 3,
        SamplePixels = 1_000,
        Restarts = 1,
        MaxIterations = 20,
    };

    /// <summary>Runs the fuzzer; <paramref name="progress"/> gets a line per finding and one every 1,000 inputs.</summary>
    public static FuzzReport Run(FuzzOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[][] seeds = options.SeedFiles.Select(File.ReadAllBytes).Where(b => b.Length > 0).ToArray();
        if (seeds.Length == 0)
        {
            throw new ArgumentException("No seed files.", nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var findings = new List<string>();
        int inputs = 0, loaded = 0, crashes = 0, hangs = 0;
        while ((options.MaxInputs == 0 || inputs < options.MaxInputs) && (options.Duration is null || clock.Elapsed < options.Duration))
        {
            int index = inputs++;
            var random = new Random(unchecked((options.Seed * 1_000_003) + index));
            var applied = new List<string>();
            int seedIndex = random.Next(seeds.Length);
            byte[] input = Mutator.Mutate(seeds[seedIndex], seeds, random, applied);

            (Outcome outcome, Exception? error) = RunOne(input, options.InputTimeout);
            if (outcome == Outcome.Loaded)
            {
                loaded++;
                continue;
            }

            if (outcome == Outcome.Refused)
            {
                continue;
            }

            string kind = outcome == Outcome.Hang ? "hang" : "crash";
            if (outcome == Outcome.Hang)
            {
                hangs++;
            }
            else
            {
                crashes++;
            }

            string seedName = Path.GetFileName(options.SeedFiles[seedIndex]);
            string line = $"{kind} #{index} from {seedName} [{string.Join(' ', applied)}]: " +
                          (error is null ? $"no result within {options.InputTimeout.TotalSeconds:F0} s" : $"{error.GetType().Name}: {error.Message.Split('\n')[0].Trim()}");
            findings.Add(line);
            progress?.Invoke(line);
            Save(options.FindingsFolder, kind, index, input, line + Environment.NewLine + error);
            if (inputs % 1_000 == 0)
            {
                progress?.Invoke($"{inputs} inputs, {crashes + hangs} failures, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        return new FuzzReport(inputs, loaded, crashes, hangs, clock.Elapsed, findings);
    }

    internal enum Outcome
    {
        Loaded,
        Refused,
        Crash,
        Hang,
    }

    internal static (Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout)
    {
        Outcome outcome = Outcome.Hang;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var stream = new MemoryStream(input, writable: false);
                using var image = ImageLoader.Load(stream, "input", Limits);
                ImageSegmenter.Segment(image, Segmentation, "input");
                outcome = Outcome.Loaded;
            }
            catch (ImageLoadException)
            {
                outcome = Outcome.Refused;
            }
            catch (Exception ex)
            {
                error = ex;
                outcome = Outcome.Crash;
            }
        })
        {
            IsBackground = true,
            Name = "fuzz input",
        };
        thread.Start();

        // A thread that does not come back is left spinning (in the background); the process ends with the run.
        return thread.Join(timeout) ? (outcome, error) : (Outcome.Hang, null);
    }

    private static void Save(string? folder, string kind, int index, byte[] input, string description)
    {
        if (folder is null)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        string hash = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
        string stem = Path.Combine(folder, $"{kind}-{index}-{hash}");
        File.WriteAllBytes(stem + ".bin", input);
        File.WriteAllText(stem + ".txt", description);
    }
}
