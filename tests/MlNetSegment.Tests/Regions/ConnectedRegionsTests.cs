using MlNetSegment.Regions;

namespace MlNetSegment.Tests.Regions;

public class ConnectedRegionsTests
{
    private static byte[] Map(params string[] rows) => [.. rows.SelectMany(r => r.Select(c => (byte)(c - '0')))];

    [Fact]
    public void Diagonal_touch_joins_and_ids_follow_raster_order_of_first_pixel()
    {
        byte[] labels = Map(
            "1000",
            "0100",
            "0010",
            "2201");
        var (ids, count) = ConnectedRegions.Label(labels, 4, 4);

        // With 8-connectivity the diagonal of 1s is one region, and the 0s on both sides of it are one region too:
        // they touch by corners at (1, 0)–(0, 1) and along the diagonal.
        Assert.Equal(
            [
                1, 2, 2, 2,
                2, 1, 2, 2,
                2, 2, 1, 2,
                3, 3, 2, 1,
            ],
            ids);
        Assert.Equal(3, count);
    }

    [Fact]
    public void Equal_labels_apart_are_different_regions_and_a_u_shape_is_one()
    {
        byte[] labels = Map(
            "10101",
            "10101",
            "11100");
        var (ids, count) = ConnectedRegions.Label(labels, 5, 3);
        Assert.Equal(
            [
                1, 2, 1, 3, 4,
                1, 2, 1, 3, 4,
                1, 1, 1, 3, 3,
            ],
            ids);
        Assert.Equal(4, count);
    }

    [Fact]
    public void Transparent_pixels_get_id_0_and_connect_nothing()
    {
        byte[] labels = Map("111", "111");
        byte[] alpha = [255, 0, 255, 255, 0, 255];
        var (ids, count) = ConnectedRegions.Label(labels, 3, 2, alpha);
        Assert.Equal([1, 0, 2, 1, 0, 2], ids);
        Assert.Equal(2, count);
    }

    [Fact]
    public void TryLabel_gives_up_past_the_limit_and_counts_exactly_up_to_it()
    {
        // A checkerboard of two labels: 8-connectivity joins each colour's diagonals into one piece per colour.
        // Alternating columns instead give one piece per column: 10 on a 10-wide image.
        var columns = new byte[10 * 4];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = (byte)((i % 10) % 2);
        }

        Assert.True(ConnectedRegions.TryLabel(columns, 10, 4, default, 10, out _, out int count));
        Assert.Equal(10, count);
        Assert.False(ConnectedRegions.TryLabel(columns, 10, 4, default, 9, out _, out _));

        // Single-pixel pieces in a row make as many provisional ids as pieces: past 16 × the limit the first pass stops.
        var row = new byte[200];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (byte)(i % 2);
        }

        Assert.False(ConnectedRegions.TryLabel(row, 200, 1, default, 5, out _, out _));
        Assert.True(ConnectedRegions.TryLabel(row, 200, 1, default, 200, out _, out count));
        Assert.Equal(200, count);
    }
}
