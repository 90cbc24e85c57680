using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetSegment.Clustering;
using MlNetSegment.Models;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Models;

public class PaletteModelFileTests
{
    [Fact]
    public void Save_then_load_predicts_the_same_label_for_every_pixel()
    {
        PaletteModel model = TestModels.SixColours;
        using var dir = new TempDirectory();
        string path = dir.File("m.zip");
        PaletteModelFile.Save(model, path, overwrite: false);

        PaletteModel loaded = PaletteModelFile.Load(path);

        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("coffee.png"));
        Assert.Equal(model.Label(image).Labels, loaded.Label(image).Labels);
        Assert.Equal(model.Palette, loaded.Palette);
        Assert.Equal(model.ColorSpace, loaded.ColorSpace);
        Assert.Equal(model.Info.TrainingShares, loaded.Info.TrainingShares);

        // The ML.NET part of the loaded model predicts like the original too.
        var (colors, _) = DistinctColors.Find(image);
        Assert.Equal(model.PredictColors(colors), loaded.PredictColors(colors));
    }

    [Fact]
    public void The_model_level_API_saves_loads_and_segments_an_RGBA_buffer_into_palette_colours_only()
    {
        using var dir = new TempDirectory();
        TestModels.SixColours.Save(dir.File("m.zip"));
        PaletteModel model = PaletteModel.Load(dir.File("m.zip"));
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("rocket.jpg"));
        var rgba = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(rgba);

        LabelMap labels = model.Label(rgba, image.Width, image.Height);
        byte[] segmented = model.Render(labels);

        Assert.Equal(model.Label(image).Labels, labels.Labels);
        Assert.Equal(rgba.Length, segmented.Length);
        for (var i = 0; i < labels.Labels.Length; i += 7)
        {
            PaletteColor expected = model.Palette[labels.Labels[i]];
            Assert.Equal(new PaletteColor(segmented[4 * i], segmented[(4 * i) + 1], segmented[(4 * i) + 2]), expected);
            Assert.Equal(255, segmented[(4 * i) + 3]);
        }

        Assert.Throws<ArgumentException>(() => model.Label(rgba, image.Width + 1, image.Height));
    }

    [Fact]
    public void The_file_is_an_ML_NET_model_zip_that_ML_NET_loads_as_is()
    {
        byte[] bytes = PaletteModelFile.ToBytes(TestModels.SixColours);

        var transformer = new Microsoft.ML.MLContext().Model.Load(new MemoryStream(bytes), out var schema);

        Assert.NotNull(transformer);
        Assert.NotNull(schema.GetColumnOrNull("Features"));
    }

    [Theory]
    [InlineData(700)]
    [InlineData(100)]
    [InlineData(0)]
    public void A_truncated_file_gets_a_one_line_error(int keep)
    {
        byte[] bytes = PaletteModelFile.ToBytes(TestModels.SixColours);

        var ex = Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes[..keep], "cut.zip"));

        Assert.StartsWith("cut.zip: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Text_is_not_a_model() =>
        Assert.Contains("not a zip", Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load("hello"u8.ToArray(), "t.zip")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_zip_without_our_metadata_is_not_a_palette_model()
    {
        byte[] bytes = Rewrite(PaletteModelFile.ToBytes(TestModels.SixColours), zip => zip.GetEntry(PaletteModelFile.MetadataEntry)!.Delete());

        Assert.Contains("missing entry", Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ML_NET_entries_are_reported()
    {
        byte[] bytes = Rewrite(PaletteModelFile.ToBytes(TestModels.SixColours), zip =>
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("TransformerChain", StringComparison.Ordinal)).ToList())
            {
                entry.Delete();
            }
        });

        Assert.Contains("ML.NET model", Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_that_disagrees_with_the_ML_NET_model_is_refused()
    {
        byte[] bytes = EditMetadata(PaletteModelFile.ToBytes(TestModels.SixColours), json =>
            json["palette"]![2]!["centroid"]![0] = 0.123);

        Assert.Contains("disagrees", Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusterCount", "\"6\"", "m.zip: damaged metadata (clusterCount: a value of the wrong kind or out of range)")]
    [InlineData("createdUtc", "\"yesterday\"", "m.zip: damaged metadata (createdUtc: a value of the wrong kind or out of range)")]
    [InlineData("maxIterations", "9223372036854775808", "m.zip: damaged metadata (maxIterations: a value of the wrong kind or out of range)")]
    public void A_metadata_field_of_the_wrong_kind_is_named_without_the_readers_own_text(string field, string value, string expected)
    {
        // Probe round 9, finding 6: "damaged metadata (The JSON value could not be converted to System.Int32. Path:
        // $.clusterCount | LineNumber: 0 | BytePositionInLine: 238.)".
        byte[] bytes = EditMetadata(PaletteModelFile.ToBytes(TestModels.SixColours), json => json[field] = JsonNode.Parse(value));

        Assert.Equal(expected, Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip")).Message);
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_advice()
    {
        byte[] bytes = EditMetadata(PaletteModelFile.ToBytes(TestModels.SixColours), json => json["formatVersion"] = 99);

        var ex = Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip"));

        Assert.Contains("version 99 is newer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_of_absurd_size_is_refused_before_it_is_inflated()
    {
        byte[] bytes = Rewrite(PaletteModelFile.ToBytes(TestModels.SixColours), zip =>
        {
            using Stream s = zip.CreateEntry("bomb.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 20; i++)
            {
                s.Write(zeros);
            }
        });

        Assert.Contains("absurd size", Assert.Throws<ModelLoadException>(() => PaletteModelFile.Load(bytes, "m.zip")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_records_what_users_and_scripts_read()
    {
        PaletteModelMetadata m = PaletteModelFile.ReadMetadata(PaletteModelFile.ToBytes(TestModels.SixColours), "m.zip");

        Assert.Equal(1, m.FormatVersion);
        Assert.Equal("hsv", m.ColorSpace);
        Assert.Equal(6, m.ClusterCount);
        Assert.Equal(6, m.Palette.Count);
        Assert.Equal(1, m.Seed);
        Assert.Equal(1, m.TrainedOn.ImageCount);
        Assert.Equal(1.0, m.Palette.Sum(p => p.Share), 6);
        Assert.All(m.Palette, p => Assert.Matches("^#[0-9a-f]{6}$", p.Hex));
    }

    private static byte[] Rewrite(byte[] bytes, Action<ZipArchive> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            edit(zip);
        }

        return stream.ToArray();
    }

    private static byte[] EditMetadata(byte[] bytes, Action<JsonNode> edit) => Rewrite(bytes, zip =>
    {
        ZipArchiveEntry entry = zip.GetEntry(PaletteModelFile.MetadataEntry)!;
        JsonNode json;
        using (var reader = new StreamReader(entry.Open()))
        {
            json = JsonNode.Parse(reader.ReadToEnd())!;
        }

        edit(json);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(PaletteModelFile.MetadataEntry).Open(), Encoding.UTF8);
        writer.Write(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    });
}
