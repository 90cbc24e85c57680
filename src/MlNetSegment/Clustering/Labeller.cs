using Microsoft.ML;
using MlNetSegment.Sampling;

namespace MlNetSegment.Clustering;

/// <summary>Runs feature rows through a fitted ML.NET clustering model and returns 0-based cluster indices.</summary>
internal static class Labeller
{
    /// <summary>ML.NET's name for the predicted cluster column.</summary>
    public const string PredictedLabelColumn = "PredictedLabel";

    /// <summary>
    /// The 0-based cluster index of every row of <paramref name="features"/>, predicted by <paramref name="model"/>
    /// through ML.NET's own <c>Transform</c>.
    /// </summary>
    public static byte[] PredictLabels(ITransformer model, float[] features, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var labels = new byte[features.Length / dimensions];
        IDataView scored = model.Transform(new FeatureDataView(features, dimensions));
        DataViewSchema.Column column = scored.Schema[PredictedLabelColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([column]);
        ValueGetter<uint> getter = cursor.GetGetter<uint>(column);
        uint key = 0;
        var row = 0;
        while (cursor.MoveNext())
        {
            getter(ref key);
            labels[row++] = ToClusterIndex(key);
        }

        return labels;
    }

    /// <summary>
    /// The one place where ML.NET's 1-based <c>PredictedLabel</c> key becomes a 0-based palette index. Key 0 means
    /// "missing", which K-means never predicts for a finite row.
    /// </summary>
    public static byte ToClusterIndex(uint predictedLabel)
    {
        if (predictedLabel is 0 or > 256)
        {
            throw new InvalidOperationException($"ML.NET predicted cluster key {predictedLabel}, outside 1..256.");
        }

        return (byte)(predictedLabel - 1);
    }
}
