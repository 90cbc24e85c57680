using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Sampling;
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
    public float[] OfSample(ReadOnlySpan<SampledPixel> sample, FilteredPixels pixels)
    {
        var rows = new float[sample.Length * Dimensions];
        for (var i = 0; i < sample.Length; i++)
        {
            SampledPixel s = sample[i];
            Write(pixels.At(s.X, s.Y), s.X, s.Y, rows.AsSpan(i * Dimensions, Dimensions));
        }

        return rows;
    }

    /// <summary>The nearest centroid of every pixel; fully transparent pixels get 0.</summary>
    public byte[] LabelAll(FilteredPixels pixels, NearestCentroid nearest, CancellationToken cancellationToken = default)
    {
        var labels = new byte[(long)width * height];
        Parallel.For(
            0,
            pixels.BandCount,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => pixels.NewBand(),
            (band, _, buffer) =>
            {
                int first = band * FilteredPixels.BandRows;
                int rows = pixels.Fill(first, buffer, parallel: false);
                Span<float> row = stackalloc float[Dimensions];
                for (var r = 0; r < rows; r++)
                {
                    int y = first + r;
                    for (var x = 0; x < width; x++)
                    {
                        Rgba32 p = buffer[(r * width) + x];
                        if (p.A == 0)
                        {
                            continue;
                        }

                        Write(p, x, y, row);
                        labels[(y * width) + x] = (byte)nearest.Nearest(row);
                    }
                }

                return buffer;
            },
            _ => { });
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
