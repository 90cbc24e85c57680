using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSegment.Imaging;
using MlNetSegment.MlNet;
using MlNetSegment.Sampling;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment;

/// <summary>
/// Learns one palette from an image column (see <see cref="PaletteTransformExtensions.TrainPalette"/>). Its fitted
/// transformer segments images with that palette and saves with <c>ml.Model.Save</c>.
/// </summary>
public sealed class PaletteEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog _catalog;
    private readonly PaletteTrainingOptions _options;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;

    internal PaletteEstimator(TransformsCatalog catalog, PaletteTrainingOptions options, string outputColumnName, string inputColumnName)
    {
        _catalog = catalog;
        _options = options;
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName;
    }

    /// <summary>Learns the palette and returns the transformer that segments with it.</summary>
    /// <exception cref="InvalidOperationException">No row holds an image with an opaque pixel.</exception>
    public ITransformer Fit(IDataView input) => Fit(input, out _);

    /// <summary>Learns the palette, gives it as a <see cref="PaletteModel"/> too (to save as a model file or inspect).</summary>
    /// <exception cref="InvalidOperationException">No row holds an image with an opaque pixel.</exception>
    public ITransformer Fit(IDataView input, out PaletteModel model)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewType type = ImageColumn.TypeOf(input.Schema, _inputColumnName);
        model = FitModel(input);
        return PaletteChain.Build(_catalog, PaletteVector.Encode(model), _outputColumnName, _inputColumnName, type).Fit(input);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewType type = ImageColumn.TypeOf(inputSchema, _inputColumnName);

        // Any palette will do: the output columns do not depend on its values.
        float[] placeholder = [PaletteVector.FormatVersion, 0, 1, 0, 0, 0, 0, 0, 0];
        return PaletteChain.Build(_catalog, placeholder, _outputColumnName, _inputColumnName, type).GetOutputSchema(inputSchema);
    }

    // One pass over the rows, one image in memory at a time, into the same reservoir `train` uses.
    private PaletteModel FitModel(IDataView input)
    {
        DataViewSchema.Column column = input.Schema[_inputColumnName];
        if (column.Type is not Microsoft.ML.Transforms.Image.ImageDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Column '{_inputColumnName}' holds {column.Type}, not images.");
        }

        var reservoir = new PixelReservoir(_options.SamplePixels, _options.Seed);
        var images = 0;
        using (DataViewRowCursor cursor = input.GetRowCursor([column]))
        {
            ValueGetter<MLImage?> getter = cursor.GetGetter<MLImage?>(column);
            MLImage? image = null;
            while (cursor.MoveNext())
            {
                getter(ref image);
                if (image is null)
                {
                    continue;
                }

                using (Image<Rgba32> pixels = MlImages.ToImage(image))
                {
                    long opaque = OpaquePixels.Count(pixels);
                    if (opaque > 0)
                    {
                        reservoir.OfferImage(pixels, opaque, images);
                        images++;
                    }
                }

                image.Dispose();
                image = null;
            }
        }

        if (reservoir.Count == 0)
        {
            throw new InvalidOperationException($"Column '{_inputColumnName}' holds no image with an opaque pixel.");
        }

        return PaletteTrainer.FitReservoir(reservoir, images, _options, [], CancellationToken.None);
    }
}
