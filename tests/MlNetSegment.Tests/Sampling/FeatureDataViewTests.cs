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
