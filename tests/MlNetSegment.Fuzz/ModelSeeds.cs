using System.IO.Compression;
using MlNetSegment.Color;
using MlNetSegment.Models;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetSegment.Fuzz;

/// <summary>
/// The model target's starting points: the shipped <c>models/samples-k12.zip</c> plus small models fitted at startup
/// on a downscaled sample photo, with K = 3 and K = 12, in every colour space (the bytes differ in their centroids,
/// their metadata and the number of K-means entries, so mutations reach different paths).
/// </summary>
internal static class ModelSeeds
{
    private static readonly Lazy<IReadOnlyList<ModelSeed>> All = new(Create);

    /// <summary>The seeds, made once per process.</summary>
    public static IReadOnlyList<ModelSeed> Get() => All.Value;

    private static List<ModelSeed> Create()
    {
        string root = SeedFiles.RepoRoot(AppContext.BaseDirectory);
        var seeds = new List<ModelSeed> { Seed("samples-k12.zip", File.ReadAllBytes(Path.Combine(root, "models", "samples-k12.zip"))) };
        using Image<Rgba32> image = Image.Load<Rgba32>(Path.Combine(root, "data", "coffee.png"));
        image.Mutate(x => x.Resize(64, 0));
        foreach (ColorSpace space in Enum.GetValues<ColorSpace>())
        {
            foreach (int k in (int[])[3, 12])
            {
                var options = new PaletteTrainingOptions { Clusters = k, ColorSpace = space, SamplePixels = 2_000, Restarts = 1, Seed = k };
                PaletteModel model = ImageSegmenter.Segment(image, options, "coffee.png").Model;
                seeds.Add(Seed($"coffee-{ColorSpaceNames.ToName(space)}-k{k}.zip", PaletteModelFile.ToBytes(model)));
            }
        }

        return seeds;
    }

    private static ModelSeed Seed(string name, byte[] bytes)
    {
        var entries = new List<ZipItem>();
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            entries.Add(ZipItem.Of(entry.FullName, content.ToArray()));
        }

        return new ModelSeed(name, bytes, entries);
    }
}
