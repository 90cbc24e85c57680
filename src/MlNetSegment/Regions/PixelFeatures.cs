using MlNetSegment.Color;
using MlNetSegment.Features;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Regions;

/// <summary>
/// The feature row of a pixel: its colour features, then, when the spatial weight is positive, x·s and y·s with
/// s = weight / max(width, height) (column and row from 0), so position counts the same on both axes.
/// </summary>
internal sealed class PixelFeatures(ColorSpace space, float spatialWeight, int width, int height)
{
    private readonly float _scale = spatialWeight / Math.Max(width, height);

    public int Dimensions { get; } = spatialWeight > 0 ? ColorFeatures.Dimensions + 2 : ColorFeatures.Dimensions;

    /// <summary>Feature rows of the sampled pixels, with colours read from <paramref name="pixels"/> at their positions.</summary>
    public float[] OfSample(ReadOnlySpan<SampledPixel> sample, Rgba32[] pixels)
    {
        var rows = new float[sample.Length * Dimensions];
        for (var i = 0; i < sample.Length; i++)
        {
            SampledPixel s = sample[i];
            Write(pixels[(s.Y * width) + s.X], s.X, s.Y, rows.AsSpan(i * Dimensions, Dimensions));
        }

        return rows;
    }

    /// <summary>The nearest centroid of every pixel; fully transparent pixels get 0.</summary>
    public byte[] LabelAll(Rgba32[] pixels, NearestCentroid nearest)
    {
        var labels = new byte[pixels.Length];
        const int RowsPerBlock = 32;
        Parallel.For(0, (height + RowsPerBlock - 1) / RowsPerBlock, block =>
        {
            Span<float> row = stackalloc float[Dimensions];
            int end = Math.Min(height, (block + 1) * RowsPerBlock);
            for (int y = block * RowsPerBlock; y < end; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    int i = (y * width) + x;
                    Rgba32 p = pixels[i];
                    if (p.A == 0)
                    {
                        continue;
                    }

                    Write(p, x, y, row);
                    labels[i] = (byte)nearest.Nearest(row);
                }
            }
        });
        return labels;
    }

    private void Write(Rgba32 p, int x, int y, Span<float> row)
    {
        ColorFeatures.ToFeatures(space, p.R, p.G, p.B, row);
        if (Dimensions > ColorFeatures.Dimensions)
        {
            row[3] = x * _scale;
            row[4] = y * _scale;
        }
    }
}
