using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSegment.MlNet;

/// <summary>Finds an estimator's input column, with the same message whether a schema or a schema shape is given.</summary>
internal static class ImageColumn
{
    public static DataViewType TypeOf(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name)?.Type ?? throw NotFound(name);

    public static DataViewType TypeOf(SchemaShape shape, string name)
    {
        SchemaShape.Column column = shape.FirstOrDefault(c => c.Name == name);
        return column.Name is null ? throw NotFound(name) : column.ItemType;
    }

    private static ArgumentOutOfRangeException NotFound(string name) =>
        new(nameof(name), $"Input column '{name}' not found.");
}
