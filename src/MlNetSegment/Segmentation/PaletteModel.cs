using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSegment.Color;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Segmentation;

/// <summary>
/// A fitted palette: an ML.NET K-means model over colour features, the colour space its features live in, and one
/// sRGB colour per cluster. It labels any image without re-training.
/// </summary>
public sealed class PaletteModel
{
    /// <summary>Wraps a fitted ML.NET model.</summary>
    public PaletteModel(
        ClusteringPredictionTransformer<KMeansModelParameters> model,
        ColorSpace colorSpace,
        float[] centroids,
        PaletteModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(centroids);
        ArgumentNullException.ThrowIfNull(info);
        if (centroids.Length == 0 || centroids.Length % ColorFeatures.Dimensions != 0)
        {
            throw new ArgumentException("Centroids must be K rows of colour features.", nameof(centroids));
        }

        Model = model;
        ColorSpace = colorSpace;
        Centroids = centroids;
        Info = info;
        var palette = new Rgb24[ClusterCount];
        for (var c = 0; c < palette.Length; c++)
        {
            var (r, g, b) = ColorFeatures.ToRgb(colorSpace, centroids.AsSpan(c * ColorFeatures.Dimensions, ColorFeatures.Dimensions));
            palette[c] = new Rgb24(r, g, b);
        }

        Palette = palette;
    }

    /// <summary>The ML.NET transformer that predicts a cluster from a colour feature vector.</summary>
    public ClusteringPredictionTransformer<KMeansModelParameters> Model { get; }

    /// <summary>The colour space of the model's features.</summary>
    public ColorSpace ColorSpace { get; }

    /// <summary>Number of clusters (K).</summary>
    public int ClusterCount => Centroids.Length / ColorFeatures.Dimensions;

    /// <summary>Centroids in feature space, K rows of <see cref="ColorFeatures.Dimensions"/> values.</summary>
    public float[] Centroids { get; }

    /// <summary>The sRGB colour of each cluster: its centroid converted back from feature space.</summary>
    public IReadOnlyList<Rgb24> Palette { get; }

    /// <summary>What the model was trained on and how.</summary>
    public PaletteModelInfo Info { get; }

    /// <summary>
    /// Labels every opaque pixel of <paramref name="image"/> with its cluster. Each distinct colour is predicted once
    /// by the ML.NET model; pixels take their colour's label from a table.
    /// </summary>
    public LabelMap Label(Image<Rgba32> image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (colors, _) = DistinctColors.Find(image);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] colorLabels = PredictColors(colors);
        cancellationToken.ThrowIfCancellationRequested();

        // Indexed by packed colour; only entries of colours present in the image are written or read.
        byte[] table = GC.AllocateUninitializedArray<byte>(DistinctColors.ColorCount);
        for (var i = 0; i < colors.Length; i++)
        {
            table[colors[i]] = colorLabels[i];
        }

        int width = image.Width;
        var labels = new byte[width * image.Height];
        byte[]? alpha = null;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                Span<byte> labelRow = labels.AsSpan(y * width, width);
                for (var x = 0; x < row.Length; x++)
                {
                    Rgba32 p = row[x];
                    labelRow[x] = p.A == 0 ? (byte)0 : table[DistinctColors.Pack(p)];
                    if (p.A != 255)
                    {
                        alpha ??= NewOpaqueAlpha(labels.Length);
                        alpha[y * width + x] = p.A;
                    }
                }
            }
        });

        return new LabelMap(width, image.Height, ClusterCount, labels, alpha);
    }

    /// <summary>The cluster index of each packed 0xRRGGBB colour, predicted by the ML.NET model.</summary>
    public byte[] PredictColors(ReadOnlySpan<int> packedColors)
    {
        int dims = ColorFeatures.Dimensions;
        var features = new float[packedColors.Length * dims];
        for (var i = 0; i < packedColors.Length; i++)
        {
            int c = packedColors[i];
            ColorFeatures.ToFeatures(ColorSpace, (byte)(c >> 16), (byte)(c >> 8), (byte)c, features.AsSpan(i * dims, dims));
        }

        return Labeller.PredictLabels(Model, features, dims);
    }

    private static byte[] NewOpaqueAlpha(int length)
    {
        var alpha = new byte[length];
        alpha.AsSpan().Fill(255);
        return alpha;
    }
}
