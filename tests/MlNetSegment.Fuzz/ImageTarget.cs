using MlNetSegment.Imaging;
using MlNetSegment.Segmentation;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Mutated image files through <see cref="ImageLoader.Load(Stream, string, ImageLimits?, CancellationToken)"/> and,
/// when one decodes, <see cref="ImageSegmenter.Segment"/>. <see cref="ImageLoadException"/> is a clean refusal.
/// </summary>
internal sealed class ImageTarget(IReadOnlyList<string> seedFiles) : IFuzzTarget
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

    private readonly string[] _names = [.. seedFiles.Where(f => new FileInfo(f).Length > 0)];

    private readonly byte[][] _seeds = [.. seedFiles.Select(File.ReadAllBytes).Where(b => b.Length > 0)];

    public string Name => "image";

    public string AcceptedWord => "decoded";

    public int SeedCount => _seeds.Length;

    public string SeedName(int index) => Path.GetFileName(_names[index]);

    public byte[] Make(int seedIndex, Random random, List<string> applied) => Mutator.Mutate(_seeds[seedIndex], _seeds, random, applied);

    public (Fuzzer.Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout) => Run(input, timeout);

    /// <summary>Decodes and segments <paramref name="input"/> on its own thread.</summary>
    public static (Fuzzer.Outcome Outcome, Exception? Error) Run(byte[] input, TimeSpan timeout) => Fuzzer.RunIsolated(
        () =>
        {
            using var stream = new MemoryStream(input, writable: false);
            using var image = ImageLoader.Load(stream, "input", Limits);
            ImageSegmenter.Segment(image, Segmentation, "input");
        },
        ex => ex is ImageLoadException,
        timeout,
        maxAllocatedBytes: null);
}
