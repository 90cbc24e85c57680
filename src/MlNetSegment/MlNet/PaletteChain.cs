using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;
using MlNetSegment.Clustering;
using MlNetSegment.Imaging;
using MlNetSegment.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.MlNet;

/// <summary>
/// The chain of ML.NET transforms that segments an image column with a palette, built only from parts ML.NET can save
/// and load: column copies, a value mapping holding the palette (see <see cref="PaletteVector"/>), and two custom
/// mappings with contract names, whose code is found again after
/// <c>ml.ComponentCatalog.RegisterAssembly(typeof(PaletteTrainingOptions).Assembly)</c>.
/// </summary>
/// <remarks>
/// A custom mapping saves its contract name and nothing else, so the palette cannot live in its closure (that is what
/// made earlier pipelines unsaveable). It travels as data instead: a constant key column, mapped to the palette
/// vector by the value mapping, is an input of the segmenting mapping.
/// </remarks>
internal static class PaletteChain
{
    internal const string InputTemp = "__MlNetSegment_Input";
    internal const string KeyTemp = "__MlNetSegment_PaletteKey";
    internal const string PaletteTemp = "__MlNetSegment_Palette";
    internal const string OutputTemp = "__MlNetSegment_Output";

    /// <summary>The contract name of the mapping that adds the constant key column.</summary>
    internal const string KeyContract = "MlNetSegment.PaletteKey.v1";

    /// <summary>The contract name of the mapping that segments an image with the palette column.</summary>
    internal const string SegmentContract = "MlNetSegment.SegmentWithPalette.v1";

    /// <summary>
    /// Copy the user's column in, add the key, map it to the palette, segment, copy the result out, drop the
    /// temporaries. <paramref name="palette"/> is a <see cref="PaletteVector"/>.
    /// </summary>
    public static IEstimator<ITransformer> Build(
        TransformsCatalog catalog, float[] palette, string outputColumnName, string inputColumnName, DataViewType inputType)
    {
        if (inputType is not ImageDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(inputColumnName), $"Column '{inputColumnName}' holds {inputType}, not images.");
        }

        PaletteTransformExtensions.RegisterImageType();
        SchemaDefinition segmentInput = SchemaDefinition.Create(typeof(PaletteImageRow));
        segmentInput[InputTemp].ColumnType = inputType;
        return catalog.CopyColumns(InputTemp, inputColumnName)
            .Append(catalog.CustomMapping(new PaletteKeyMapping().GetMapping(), KeyContract))
            .Append(catalog.Conversion.MapValue(PaletteTemp, [new KeyValuePair<int, float[]>(0, palette)], KeyTemp))
            .Append(catalog.CustomMapping(new PaletteSegmentMapping().GetMapping(), SegmentContract, segmentInput))
            .Append(catalog.CopyColumns(outputColumnName, OutputTemp))
            .Append(catalog.DropColumns(InputTemp, KeyTemp, PaletteTemp, OutputTemp));
    }

    /// <summary>Segments one <see cref="MLImage"/> (BGRA or RGBA) and returns an RGBA <see cref="MLImage"/>.</summary>
    public static MLImage Segment(MLImage image, IReadOnlyList<Rgb24> palette, Func<Image<Rgba32>, LabelMap> label)
    {
        using Image<Rgba32> pixels = MlImages.ToImage(image);
        LabelMap labels = label(pixels);
        using Image segmented = SegmentedImageRenderer.Render(labels, palette);
        using Image<Rgba32> rgba = segmented.CloneAs<Rgba32>();
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        rgba.CopyPixelDataTo(bytes);
        return MLImage.CreateFromPixels(rgba.Width, rgba.Height, MLPixelFormat.Rgba32, bytes);
    }
}

/// <summary>The key mapping's input: no column (the key is constant, and reading the image would decode it twice).</summary>
internal sealed class NoColumns;

/// <summary>The key mapping's output.</summary>
internal sealed class PaletteKeyRow
{
    [ColumnName(PaletteChain.KeyTemp)]
    public int Key { get; set; }
}

/// <summary>The segmenting mapping's input: the image and the palette vector.</summary>
internal sealed class PaletteImageRow
{
    [ColumnName(PaletteChain.InputTemp)]
    public MLImage Image { get; set; } = null!;

    [ColumnName(PaletteChain.PaletteTemp)]
    public float[] Palette { get; set; } = [];
}

/// <summary>The segmenting mapping's output.</summary>
internal sealed class SegmentedImageRow
{
    [ColumnName(PaletteChain.OutputTemp)]
    public MLImage Segmented { get; set; } = null!;
}

/// <summary>Adds the constant key that the value mapping turns into the palette.</summary>
[CustomMappingFactoryAttribute(PaletteChain.KeyContract)]
internal sealed class PaletteKeyMapping : CustomMappingFactory<NoColumns, PaletteKeyRow>
{
    public override Action<NoColumns, PaletteKeyRow> GetMapping() => (_, row) => row.Key = 0;
}

/// <summary>Segments each image with the palette of its row (the same in every row of a pipeline).</summary>
[CustomMappingFactoryAttribute(PaletteChain.SegmentContract)]
internal sealed class PaletteSegmentMapping : CustomMappingFactory<PaletteImageRow, SegmentedImageRow>
{
    /// <summary>Made by ML.NET when a saved pipeline loads: the image row type must be mappable before then.</summary>
    public PaletteSegmentMapping() => PaletteTransformExtensions.RegisterImageType();

    private readonly Lock _gate = new();
    private float[]? _vector;
    private (PaletteVector Palette, ColorLabelCache Cache)? _labeller;

    public override Action<PaletteImageRow, SegmentedImageRow> GetMapping() => (input, output) =>
    {
        var (palette, cache) = LabellerFor(input.Palette);
        output.Segmented = PaletteChain.Segment(input.Image, palette.Palette, image => PaletteModel.LabelWith(cache, palette.ClusterCount, image));
    };

    // Decoded once per distinct vector: every row carries the same one, and the label cache (18 MB) fills as it goes.
    private (PaletteVector, ColorLabelCache) LabellerFor(float[] vector)
    {
        lock (_gate)
        {
            if (_labeller is null || !vector.AsSpan().SequenceEqual(_vector))
            {
                PaletteVector palette = PaletteVector.Decode(vector);
                var nearest = new NearestCentroid(palette.Centroids, Color.ColorFeatures.Dimensions);
                _labeller = (palette, new ColorLabelCache(palette.ColorSpace, nearest));
                _vector = vector.ToArray();
            }

            return _labeller.Value;
        }
    }
}
