using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetSegment.MlNet;

namespace MlNetSegment;

/// <summary>
/// Palettes inside ML.NET pipelines: <see cref="TrainPalette"/> learns one from an image column,
/// <see cref="SegmentWithPalette"/> applies a trained one. Images are <see cref="MLImage"/> columns, as
/// Microsoft.ML.ImageAnalytics' <c>LoadImages</c> produces them; the output is an RGBA <see cref="MLImage"/> column.
/// </summary>
/// <remarks>
/// Fitted pipelines save with <c>ml.Model.Save</c>. To load one, first call
/// <c>ml.ComponentCatalog.RegisterAssembly(typeof(PaletteTrainingOptions).Assembly)</c> so that ML.NET finds this
/// library's mappings by their contract names.
/// </remarks>
public static class PaletteTransformExtensions
{
    /// <summary>
    /// An estimator that learns one palette from every image of <paramref name="inputColumnName"/> (each opaque pixel of
    /// every row with the same chance of being sampled, as <c>mlnetsegment train</c> does) and whose transformer writes
    /// each image, every pixel replaced by its cluster's palette colour, to <paramref name="outputColumnName"/>.
    /// </summary>
    /// <example><code>
    /// var pipeline = ml.Transforms.LoadImages("Image", folder, "Path")
    ///     .Append(ml.Transforms.TrainPalette("Segmented", "Image", new PaletteTrainingOptions { Clusters = 6 }));
    /// </code></example>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (checked here, once).</exception>
    public static PaletteEstimator TrainPalette(
        this TransformsCatalog catalog, string outputColumnName, string inputColumnName, PaletteTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        options ??= new PaletteTrainingOptions();
        options.Validate();
        return new PaletteEstimator(catalog, options, outputColumnName, inputColumnName);
    }

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

        return new PaletteSegmentationEstimator(catalog, PaletteVector.Encode(model), outputColumnName, inputColumnName);
    }

    /// <summary>Segments one <see cref="MLImage"/> (BGRA or RGBA) and returns an RGBA <see cref="MLImage"/>.</summary>
    public static MLImage Segment(PaletteModel model, MLImage image)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        return PaletteChain.Segment(image, model.SrgbPalette, pixels => model.Label(pixels));
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

    private static readonly Lock RegisterGate = new();
    private static bool registered;
}
