using MlNetSegment.Evaluation;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Mutated label maps through <c>evaluate</c>'s reader, <see cref="LabelImageReader.Read"/> (the same guards as
/// images: container scan, header limits, libpng for interlaced PNGs), seeded with the image corpus's PNGs and a few
/// 8- and 16-bit label maps. A one-line <see cref="IOException"/> is a clean refusal; more than 1 GB allocated on one
/// input is a failure.
/// </summary>
internal sealed class LabelTarget : IFuzzTarget
{
    private static readonly ImageLimits Limits = new() { MaxPixels = 2_000_000 };

    private readonly string[] _names;

    private readonly byte[][] _seeds;

    public LabelTarget(IReadOnlyList<string> seedFiles)
    {
        List<string> pngs = [.. seedFiles.Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && new FileInfo(f).Length > 0)];
        _names = [.. pngs.Select(Path.GetFileName).OfType<string>()];
        _seeds = [.. pngs.Select(File.ReadAllBytes)];
    }

    public string Name => "label";

    public string AcceptedWord => "read";

    public int SeedCount => _seeds.Length;

    public string SeedName(int index) => _names[index];

    public byte[] Make(int seedIndex, Random random, List<string> applied) => Mutator.Mutate(_seeds[seedIndex], _seeds, random, applied);

    public (Fuzzer.Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsegment-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}_gt1.png");
        File.WriteAllBytes(path, input);
        try
        {
            return Fuzzer.RunIsolated(
                () => LabelImageReader.Read(path, Limits),
                ex => ex is IOException && !ex.Message.Contains('\n', StringComparison.Ordinal),
                timeout,
                maxAllocatedBytes: 1L << 30);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
