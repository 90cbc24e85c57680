using System.Diagnostics;
using System.Security.Cryptography;

namespace MlNetSegment.Fuzz;

/// <summary>
/// A seeded mutation fuzzer with two targets (<see cref="FuzzTarget"/>): mutated images through decode → segment,
/// and mutated model files through the model loader. A clean refusal (the target's one exception type) is correct
/// behaviour; any other exception is a crash, and not finishing within the input timeout is a hang.
/// </summary>
/// <remarks>
/// Each input runs on its own background thread so that a hang (a decoder spinning forever ignores cancellation) is
/// abandoned and recorded, and the run goes on. Input <c>i</c> comes from <c>new Random(seed * 1_000_003 + i)</c>,
/// so any finding can be regenerated from the seed and its index alone.
/// </remarks>
public static class Fuzzer
{
    /// <summary>Runs the fuzzer; <paramref name="progress"/> gets a line per finding and one every 1,000 inputs.</summary>
    public static FuzzReport Run(FuzzOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IFuzzTarget target = options.Target switch
        {
            FuzzTarget.Model => new ModelTarget(),
            FuzzTarget.Label => new LabelTarget(options.SeedFiles),
            FuzzTarget.Sample => new SampleTarget(),
            _ => new ImageTarget(options.SeedFiles),
        };
        if (target.SeedCount == 0)
        {
            throw new ArgumentException("No seed files.", nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var findings = new List<string>();
        int inputs = 0, loaded = 0, crashes = 0, hangs = 0;
        while ((options.MaxInputs == 0 || inputs < options.MaxInputs) && (options.Duration is null || clock.Elapsed < options.Duration))
        {
            int index = options.FirstInput + inputs++;
            if (inputs % 1_000 == 0)
            {
                progress?.Invoke($"{target.Name}: {inputs} inputs, {crashes + hangs} failures, {clock.Elapsed.TotalSeconds:F0} s");
            }

            var random = new Random(unchecked((options.Seed * 1_000_003) + index));
            var applied = new List<string>();
            int seedIndex = random.Next(target.SeedCount);
            byte[] input = target.Make(seedIndex, random, applied);
            if (options.Trace)
            {
                progress?.Invoke($"#{index} from {target.SeedName(seedIndex)}, {input.Length:N0} bytes [{string.Join(' ', applied)}]");
                Save(options.FindingsFolder, "last", 0, input, $"#{index} [{string.Join(' ', applied)}]", hashed: false);
            }

            (Outcome outcome, Exception? error) = target.RunOne(input, options.InputTimeout);
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

            string line = $"{target.Name} {kind} #{index} from {target.SeedName(seedIndex)} [{string.Join(' ', applied)}]: " +
                          (error is null ? $"no result within {options.InputTimeout.TotalSeconds:F0} s" : $"{error.GetType().Name}: {error.Message.Split('\n')[0].Trim()}");
            findings.Add(line);
            progress?.Invoke(line);
            Save(options.FindingsFolder, $"{(target.Name == "image" ? string.Empty : target.Name + "-")}{kind}", index, input, line + Environment.NewLine + error);
        }

        return new FuzzReport(inputs, loaded, crashes, hangs, clock.Elapsed, findings, target.Name, target.AcceptedWord);
    }

    internal enum Outcome
    {
        Loaded,
        Refused,
        Crash,
        Hang,
    }

    /// <summary>Decodes and segments one image input (the image target).</summary>
    internal static (Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout) => ImageTarget.Run(input, timeout);

    /// <summary>
    /// Runs <paramref name="work"/> on its own background thread: done is <see cref="Outcome.Loaded"/>, an exception
    /// <paramref name="refused"/> accepts is <see cref="Outcome.Refused"/>, any other exception or more than
    /// <paramref name="maxAllocatedBytes"/> allocated on the thread is <see cref="Outcome.Crash"/>, and no end within
    /// <paramref name="timeout"/> is <see cref="Outcome.Hang"/>.
    /// </summary>
    internal static (Outcome Outcome, Exception? Error) RunIsolated(Action work, Func<Exception, bool> refused, TimeSpan timeout, long? maxAllocatedBytes)
    {
        Outcome outcome = Outcome.Hang;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                work();
                outcome = Outcome.Loaded;
            }
            catch (Exception ex) when (refused(ex))
            {
                outcome = Outcome.Refused;
            }
            catch (Exception ex)
            {
                error = ex;
                outcome = Outcome.Crash;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > maxAllocatedBytes)
            {
                error = new InsufficientMemoryException($"allocated {allocated:N0} bytes on one input (limit {maxAllocatedBytes:N0}); {outcome}", error);
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

    private static void Save(string? folder, string kind, int index, byte[] input, string description, bool hashed = true)
    {
        if (folder is null)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        string stem = Path.Combine(folder, hashed ? $"{kind}-{index}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}" : kind + "-input");
        File.WriteAllBytes(stem + ".bin", input);
        File.WriteAllText(stem + ".txt", description);
    }
}
