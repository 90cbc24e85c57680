namespace MlNetSegment.Regions;

/// <summary>Which neighbour a region below the minimum size is merged into.</summary>
internal enum SmallRegionMergeRule
{
    /// <summary>The neighbour sharing the most 4-neighbour pixel pairs with it (ties: the lowest region id).</summary>
    LongestBorder,

    /// <summary>The neighbour whose mean colour features are nearest to its own (ties: the lowest region id).</summary>
    ClosestColor,
}
