using MlNetSegment.Charts;

namespace MlNetSegment.Tests.Charts;

public class NiceAxisTests
{
    [Theory]
    [InlineData(0, 3174, 5, 0, 4000, 1000)] // the 3,174: ticks 0, 1,000, ... not 635, 1,270
    [InlineData(0, 2539, 5, 0, 3000, 1000)]
    [InlineData(0, 1248.7, 5, 0, 1250, 250)]
    [InlineData(0, 0.4937, 5, 0, 0.5, 0.1)]
    [InlineData(-0.12, 0.46, 5, -0.2, 0.6, 0.2)]
    [InlineData(2, 256, 10, 0, 300, 50)]
    public void Ticks_fall_on_round_values_covering_the_data(double min, double max, int steps, double low, double high, double step)
    {
        NiceAxis axis = NiceAxis.For(min, max, steps);

        Assert.Equal(low, axis.Low, 9);
        Assert.Equal(high, axis.High, 9);
        Assert.Equal(step, axis.Step, 9);
        Assert.All(axis.Ticks(), t => Assert.Equal(0, Math.Abs(Math.IEEERemainder(t, step)), 9));
    }

    [Fact]
    public void A_flat_or_empty_range_still_gives_an_axis()
    {
        NiceAxis axis = NiceAxis.For(0, 0);
        Assert.True(axis.High > axis.Low);
        Assert.NotEmpty(axis.Ticks());
    }
}
