using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>A small palette model fitted once per test run.</summary>
public static class TestModels
{
    private static readonly Lazy<PaletteModel> Chelsea = new(() =>
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("chelsea.png"));
        return ImageSegmenter.Segment(image, new PaletteTrainingOptions { Clusters = 6, Seed = 1 }).Model;
    });

    /// <summary>K=6, hsv, fitted on chelsea.png.</summary>
    public static PaletteModel SixColours => Chelsea.Value;

    /// <summary>
    /// Copies the bundled <c>models/samples-k12.zip</c> to <paramref name="path"/> with its <c>palette.json</c> passed
    /// through <paramref name="edit"/>: a model damaged in one known way.
    /// </summary>
    public static void WriteWithEditedMetadata(string path, Func<string, string> edit)
    {
        File.Copy(Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip"), path);
        using System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update);
        System.IO.Compression.ZipArchiveEntry entry = zip.GetEntry("MlNetSegment/palette.json")!;
        string json;
        using (var reader = new StreamReader(entry.Open()))
        {
            json = reader.ReadToEnd();
        }

        entry.Delete();
        string edited = edit(json);
        if (edited == json)
        {
            throw new InvalidOperationException("The edit changed nothing: the test would not damage the model.");
        }

        using var writer = new StreamWriter(zip.CreateEntry("MlNetSegment/palette.json").Open());
        writer.Write(edited);
    }
}
