using Microsoft.ML;

namespace MlNetSegment.Segmentation;

/// <summary>
/// The estimator behind <see cref="PaletteTransformExtensions.SegmentWithPalette"/>: nothing to learn (the palette is
/// already fitted); it builds its mapping once the input column's image type is known.
/// </summary>
internal sealed class PaletteSegmentationEstimator(
    TransformsCatalog catalog, PaletteModel model, string outputColumnName, string inputColumnName) : IEstimator<ITransformer>
{
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column column = input.Schema.GetColumnOrNull(inputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Input column '{inputColumnName}' not found.");
        return PaletteTransformExtensions.BuildChain(catalog, model, outputColumnName, inputColumnName, column.Type).Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column column = inputSchema.FirstOrDefault(c => c.Name == inputColumnName);
        if (column.Name is null)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{inputColumnName}' not found.");
        }

        return PaletteTransformExtensions.BuildChain(catalog, model, outputColumnName, inputColumnName, column.ItemType).GetOutputSchema(inputSchema);
    }
}
