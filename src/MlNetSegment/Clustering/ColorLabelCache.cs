using System.Runtime.CompilerServices;
using MlNetSegment.Color;

namespace MlNetSegment.Clustering;

/// <summary>
/// Remembers the cluster of every 24-bit colour a model has labelled, filled lazily and shared by all threads and all
/// images the model labels: a photo has far fewer distinct colours than pixels (about 7% at 12 MP), and a batch of
/// similar photos shares most of them, so each colour's features and nearest centroid are computed once.
/// </summary>
/// <remarks>
/// 16 MB of labels plus a 2 MB bit set of which entries are known, allocated once per model. Threads race benignly:
/// a colour's label is a pure function of the colour, the label is stored before its "known" bit is published with
/// a full fence, and readers read the bit with acquire semantics before the label.
/// </remarks>
internal sealed class ColorLabelCache(ColorSpace space, NearestCentroid nearest)
{
    private readonly byte[] _labels = Imaging.LargeBuffers.AllocateUninitialized<byte>(DistinctColors.ColorCount);
    private readonly ulong[] _known = new ulong[DistinctColors.ColorCount / 64];

    /// <summary>The cluster of the packed 0xRRGGBB colour.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte LabelOf(int packed)
    {
        ulong bit = 1UL << (packed & 63);
        if ((Volatile.Read(ref _known[packed >> 6]) & bit) != 0)
        {
            return _labels[packed];
        }

        return Compute(packed, bit);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte Compute(int packed, ulong bit)
    {
        Span<float> features = stackalloc float[ColorFeatures.Dimensions];
        ColorFeatures.ToFeatures(space, (byte)(packed >> 16), (byte)(packed >> 8), (byte)packed, features);
        var label = (byte)nearest.Nearest(features);
        _labels[packed] = label;
        Interlocked.Or(ref _known[packed >> 6], bit);
        return label;
    }
}
