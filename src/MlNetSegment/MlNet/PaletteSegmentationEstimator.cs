using Microsoft.ML;

namespace MlNetSegment.MlNet;

/// <summary>
/// The estimator behind <see cref="PaletteTransformExtensions.SegmentWithPalette"/>: nothing to learn (the palette is
/// already fitted); it builds its chain once the input column's image type is known.
/// </summary>
internal sealed class PaletteSegmentationEstimator(
    TransformsCatalog catalog, float[] palette, string outputColumnName, string inputColumnName) : IEstimator<ITransformer>
{
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PaletteChain.Build(catalog, palette, outputColumnName, inputColumnName, ImageColumn.TypeOf(input.Schema, inputColumnName)).Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return PaletteChain.Build(catalog, palette, outputColumnName, inputColumnName, ImageColumn.TypeOf(inputSchema, inputColumnName))
            .GetOutputSchema(inputSchema);
    }
}
