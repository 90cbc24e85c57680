using MlNetSegment.Regions;

namespace MlNetSegment.Tests.Regions;

public class RegionOptionsTests
{
    [Fact]
    public void The_defaults_use_the_border_and_size_aware_merge()
    {
        AdjacentMergeCriteria criteria = new RegionOptions().MergeCriteria;

        Assert.Equal(RegionOptions.Defaults.ColorMergeThreshold, criteria.Threshold, 1e-6);
        Assert.Equal(RegionOptions.Defaults.BorderWeight, criteria.BorderWeight, 1e-6);
        Assert.True(criteria.SizeAware);
        Assert.Equal(0, criteria.MinRegions);
        Assert.Equal(0, criteria.MaxRegions);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(10.5f)]
    [InlineData(float.NaN)]
    public void A_border_weight_out_of_range_is_rejected(float weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RegionOptions { BorderWeight = weight }.Validate());
        Assert.Equal(nameof(RegionOptions.BorderWeight), error.ParamName);
    }

    [Fact]
    public void Negative_region_floors_and_caps_are_rejected()
    {
        Assert.Equal(
            nameof(RegionOptions.MinRegions),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RegionOptions { MinRegions = -1 }.Validate()).ParamName);
        Assert.Equal(
            nameof(RegionOptions.MaxRegions),
            Assert.Throws<ArgumentOutOfRangeException>(() => new RegionOptions { MaxRegions = -1 }.Validate()).ParamName);
    }
}
