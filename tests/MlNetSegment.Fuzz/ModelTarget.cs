using MlNetSegment.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Mutated model files through <see cref="PaletteModelFile.Load(byte[], string)"/>; a model that loads must then
/// label a small image, to prove it works. <see cref="ModelLoadException"/> is a clean refusal; anything else, not
/// finishing in time, or allocating more than <see cref="MaxAllocatedBytes"/> on one input is a failure.
/// </summary>
internal sealed class ModelTarget : IFuzzTarget
{
    /// <summary>More than this allocated while loading one model file (at most 64 MB) is a failure.</summary>
    public const long MaxAllocatedBytes = 1L << 30;

    // Every colour a loaded model is asked about: a ramp through hues and greys, with a fully transparent corner.
    private static readonly Lazy<Image<Rgba32>> Probe = new(() =>
    {
        var image = new Image<Rgba32>(16, 16);
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 17), (byte)(y * 17), (byte)((x + y) * 8), x + y == 0 ? (byte)0 : (byte)255);
            }
        }

        return image;
    });

    private readonly IReadOnlyList<ModelSeed> _seeds = ModelSeeds.Get();

    public string Name => "model";

    public string AcceptedWord => "loaded";

    public int SeedCount => _seeds.Count;

    public string SeedName(int index) => _seeds[index].Name;

    public byte[] Make(int seedIndex, Random random, List<string> applied) => ModelMutator.Mutate(_seeds[seedIndex], _seeds, random, applied);

    public (Fuzzer.Outcome Outcome, Exception? Error) RunOne(byte[] input, TimeSpan timeout) => Run(input, timeout);

    /// <summary>Loads <paramref name="input"/> as a model and labels the probe image with it, on its own thread.</summary>
    public static (Fuzzer.Outcome Outcome, Exception? Error) Run(byte[] input, TimeSpan timeout)
    {
        Image<Rgba32> probe = Probe.Value;
        return Fuzzer.RunIsolated(
            () => PaletteModelFile.Load(input, "input.zip").Label(probe),
            ex => ex is ModelLoadException,
            timeout,
            MaxAllocatedBytes);
    }
}
