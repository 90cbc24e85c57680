using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSegment.Sampling;

namespace MlNetSegment.Tests.Sampling;

public class FeatureDataViewTests
{
    [Fact]
    public void Rows_read_back_through_an_ML_NET_cursor_are_the_buffer_slices()
    {
        float[] buffer = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var view = new FeatureDataView(buffer, 3);

        Assert.Equal(3, view.GetRowCount());
        var column = view.Schema[FeatureDataView.FeaturesColumn];
        Assert.Equal(3, ((VectorDataViewType)column.Type).Size);
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var rows = new List<float[]>();
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().ToArray());
        }

        Assert.Equal([[1f, 2, 3], [4f, 5, 6], [7f, 8, 9]], rows);
    }

    [Fact]
    public void A_caller_buffer_of_another_length_or_a_sparse_one_comes_back_as_the_dense_row()
    {
        var view = new FeatureDataView(new float[] { 1, 2, 3, 4, 5, 6 }, 3);
        var column = view.Schema[FeatureDataView.FeaturesColumn];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        Assert.True(cursor.MoveNext());

        var longer = new VBuffer<float>(5, [9f, 9, 9, 9, 9]);
        getter(ref longer);
        Assert.Equal(3, longer.Length);
        Assert.Equal([1f, 2, 3], longer.DenseValues().ToArray());

        var sparse = new VBuffer<float>(3, 1, [9f], [2]);
        getter(ref sparse);
        Assert.True(sparse.IsDense);
        Assert.Equal([1f, 2, 3], sparse.DenseValues().ToArray());

        // A dense buffer of the row's length is filled in place, row after row.
        Assert.True(cursor.MoveNext());
        getter(ref sparse);
        Assert.Equal([4f, 5, 6], sparse.DenseValues().ToArray());
    }

    [Fact]
    public void A_view_over_part_of_an_array_reads_that_part()
    {
        float[] buffer = [0, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0];
        var view = new FeatureDataView(buffer.AsMemory(3, 6), 3);
        var column = view.Schema[FeatureDataView.FeaturesColumn];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        var rows = new List<float[]>();
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().ToArray());
        }

        Assert.Equal([[1f, 2, 3], [4f, 5, 6]], rows);
    }

    [Fact]
    public void A_buffer_that_is_not_whole_rows_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FeatureDataView(new float[7], 3));

    [Fact]
    public void ML_NET_can_preview_it()
    {
        var view = new FeatureDataView(new float[] { 0.5f, 0.25f, 1f, 0f, 0f, 0f }, 3);
        var preview = view.Preview();
        Assert.Equal(2, preview.RowView.Length);
    }
}
