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
    public void CountIsAtMost_agrees_with_Label_and_gives_up_past_the_limit()
    {
        // Alternating columns: 10 pieces. A U shape and a spiral-like comb join provisional ids late.
        var columns = new byte[10 * 4];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = (byte)((i % 10) % 2);
        }

        Assert.True(ConnectedRegions.CountIsAtMost(columns, 10, 4, default, 10));
        Assert.False(ConnectedRegions.CountIsAtMost(columns, 10, 4, default, 9));

        byte[] comb = Map(
            "1010101",
            "1010101",
            "1111111",
            "0000000",
            "1111111",
            "1000001");
        int exact = ConnectedRegions.Label(comb, 7, 6).Count;
        Assert.Equal(7, exact);
        Assert.True(ConnectedRegions.CountIsAtMost(comb, 7, 6, default, exact));
        Assert.False(ConnectedRegions.CountIsAtMost(comb, 7, 6, default, exact - 1));

        // Transparent pixels are no piece: a transparent column splits the row of 1s into two pieces.
        byte[] ones = Map("111", "111");
        byte[] alpha = [255, 0, 255, 255, 0, 255];
        Assert.True(ConnectedRegions.CountIsAtMost(ones, 3, 2, alpha, 2));
        Assert.False(ConnectedRegions.CountIsAtMost(ones, 3, 2, alpha, 1));

        // Single-pixel pieces in a row make a provisional id each: past 16 × the limit the pass stops early.
        var row = new byte[200];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (byte)(i % 2);
        }

        Assert.False(ConnectedRegions.CountIsAtMost(row, 200, 1, default, 5));
        Assert.True(ConnectedRegions.CountIsAtMost(row, 200, 1, default, 200));
    }
}
