using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSegment.Sampling;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over a flat buffer of feature vectors, one row per vector, with a single
/// vector column named <see cref="FeaturesColumn"/>.
/// </summary>
/// <remarks>
/// It exists because <c>LoadFromEnumerable</c> needs one object per row: at 12 MP that cost 1.3 s and doubled
/// peak memory. Here a row is a slice of one array, copied into ML.NET's reusable buffer on demand.
/// ML.NET's K-means reads every row through this getter on each of its passes (about 30 per fit), so the getter is a
/// hot loop: see <c>Cursor.GetFeatures</c>.
/// </remarks>
internal sealed class FeatureDataView : IDataView
{
    /// <summary>Name of the feature vector column.</summary>
    public const string FeaturesColumn = "Features";

    private readonly ReadOnlyMemory<float> _features;
    private readonly int _dimensions;
    private readonly int _rows;

    /// <summary>Wraps <paramref name="features"/>, row-major, <paramref name="dimensions"/> floats per row.</summary>
    public FeatureDataView(ReadOnlyMemory<float> features, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (features.Length % dimensions != 0)
        {
            throw new ArgumentException($"The buffer length {features.Length} is not a multiple of {dimensions}.", nameof(features));
        }

        _features = features;
        _dimensions = dimensions;
        _rows = features.Length / dimensions;
        Schema = CreateSchema(dimensions);
    }

    /// <summary>The schema: one column <see cref="FeaturesColumn"/> of <c>float[dimensions]</c>.</summary>
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <summary>Builds the schema of a feature view with <paramref name="dimensions"/> features.</summary>
    public static DataViewSchema CreateSchema(int dimensions)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, dimensions));
        return builder.ToSchema();
    }

    /// <inheritdoc />
    public long? GetRowCount() => _rows;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Any());

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(FeatureDataView view, bool active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => active && column.Index == 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rows)
            {
                _position = view._rows;
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column) || typeof(TValue) != typeof(VBuffer<float>))
            {
                throw new InvalidOperationException($"Column '{column.Name}' is not active or not of type {typeof(TValue)}.");
            }

            ValueGetter<VBuffer<float>> getter = GetFeatures;
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        // The row is copied into the caller's dense buffer in place when it already has the row's length, as
        // VBufferEditor.Create would reuse it too, but without the editor's general path: in a profile of one image's
        // fit (16,000 rows, six restarts) the editor and this getter took 40% of ML.NET's K-means time.
        private void GetFeatures(ref VBuffer<float> value)
        {
            int dims = view._dimensions;
            ReadOnlySpan<float> row = view._features.Span.Slice((int)_position * dims, dims);
            if (value.IsDense && value.Length == dims)
            {
                ReadOnlySpan<float> values = value.GetValues();
                if (values.Length == dims)
                {
                    row.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(values), dims));
                    return;
                }
            }

            var editor = VBufferEditor.Create(ref value, dims);
            row.CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
