using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetSegment.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Segmentation;

/// <summary>
/// Runs a <see cref="PaletteModel"/> inside an ML.NET pipeline: an image column (an <see cref="MLImage"/>, as
/// Microsoft.ML.ImageAnalytics' <c>LoadImages</c> produces) in, a segmented image column out.
/// </summary>
public static class PaletteTransformExtensions
{
    private const string InputTemp = "__MlNetSegment_Input";
    private const string OutputTemp = "__MlNetSegment_Output";

    /// <summary>
    /// Adds a transform that segments the images of <paramref name="inputColumnName"/> with <paramref name="model"/>
    /// into <paramref name="outputColumnName"/>: every pixel becomes its cluster's palette colour, alpha kept.
    /// </summary>
    /// <example><code>
    /// var pipeline = ml.Transforms.LoadImages("Image", folder, "Path")
    ///     .Append(ml.Transforms.SegmentWithPalette(model, "Segmented", "Image"));
    /// </code></example>
    public static IEstimator<ITransformer> SegmentWithPalette(
        this TransformsCatalog catalog, PaletteModel model, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);

        return new PaletteSegmentationEstimator(catalog, model, outputColumnName, inputColumnName);
    }

    /// <summary>
    /// The chain that does the work: copy the user's column in, map, copy the result out. CustomMapping binds columns
    /// by its row classes' property names, and compares an input column's type with the declared one by reference,
    /// so the declared image type must be the very instance the input column carries.
    /// </summary>
    internal static IEstimator<ITransformer> BuildChain(
        TransformsCatalog catalog, PaletteModel model, string outputColumnName, string inputColumnName, DataViewType inputType)
    {
        if (inputType is not ImageDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(inputColumnName), $"Column '{inputColumnName}' holds {inputType}, not images.");
        }

        SchemaDefinition input = ImageSchema<ImageRow>(inputType);
        SchemaDefinition output = ImageSchema<SegmentedRow>(new ImageDataViewType());
        return catalog.CopyColumns(InputTemp, inputColumnName)
            .Append(catalog.CustomMapping<ImageRow, SegmentedRow>(
                (row, result) => result.Segmented = Segment(model, row.Image),
                contractName: null,
                input,
                output))
            .Append(catalog.CopyColumns(outputColumnName, OutputTemp))
            .Append(catalog.DropColumns(InputTemp, OutputTemp));
    }

    /// <summary>Segments one <see cref="MLImage"/> (BGRA or RGBA) and returns an RGBA <see cref="MLImage"/>.</summary>
    public static MLImage Segment(PaletteModel model, MLImage image)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        using Image<Rgba32> pixels = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => Image.LoadPixelData<Bgra32>(image.Pixels, image.Width, image.Height).CloneAs<Rgba32>(),
            MLPixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(image.Pixels, image.Width, image.Height),
            _ => throw new NotSupportedException($"Pixel format {image.PixelFormat} is not supported."),
        };
        LabelMap labels = model.Label(pixels);
        using Image segmented = SegmentedImageRenderer.Render(labels, model.Palette);
        using Image<Rgba32> rgba = segmented.CloneAs<Rgba32>();
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        rgba.CopyPixelDataTo(bytes);
        return MLImage.CreateFromPixels(rgba.Width, rgba.Height, MLPixelFormat.Rgba32, bytes);
    }

    /// <summary>
    /// Lets ML.NET map <see cref="MLImage"/> members without attributes to images of any size. ML.NET's own
    /// <c>[ImageType]</c> without a size throws in 5.0 (it builds an image type of size 0 × 0), so row classes that
    /// read an image column of varying sizes need this registration.
    /// </summary>
    public static void RegisterImageType()
    {
        lock (RegisterGate)
        {
            if (!registered)
            {
                try
                {
                    DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));
                }
                catch (ArgumentException)
                {
                    // Already registered, by us or by the host application, to an image type.
                }

                registered = true;
            }
        }
    }

    private static readonly object RegisterGate = new();
    private static bool registered;

    // Images of any size: [ImageType] needs a fixed height and width, so the column type is set here instead.
    private static SchemaDefinition ImageSchema<TRow>(DataViewType type)
    {
        RegisterImageType();
        SchemaDefinition schema = SchemaDefinition.Create(typeof(TRow));
        schema[0].ColumnType = type;
        return schema;
    }

    /// <summary>CustomMapping's input row.</summary>
    internal sealed class ImageRow
    {
        [ColumnName(InputTemp)]
        public MLImage Image { get; set; } = null!;
    }

    /// <summary>CustomMapping's output row.</summary>
    internal sealed class SegmentedRow
    {
        [ColumnName(OutputTemp)]
        public MLImage Segmented { get; set; } = null!;
    }
}
