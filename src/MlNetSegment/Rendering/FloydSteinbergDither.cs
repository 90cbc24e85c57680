using MlNetSegment.Clustering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>
/// Floyd–Steinberg error diffusion onto a palette: each pixel takes the palette colour its model assigns to the pixel
/// plus the error carried from its neighbours, and passes on its own error (7/16 right, 3/16 down-left, 5/16 down,
/// 1/16 down-right), in sRGB, row by row from left to right.
/// </summary>
/// <remarks>
/// The colour is chosen by the model's own labelling (nearest centroid in its colour space, through its label cache),
/// so a pixel with no error carried gets its undithered label and every output pixel is a palette colour. Fully
/// transparent pixels take label 0 and neither receive nor pass on error. Single-threaded by nature (each pixel waits
/// for the error of the one before), and plain float arithmetic in a fixed order, so the result is deterministic.
/// Hand-written: no library here dithers onto a palette chosen by nearest centroid in a model's colour space.
/// </remarks>
internal static class FloydSteinbergDither
{
    public static LabelMap Apply(Image<Rgba32> image, IReadOnlyList<Rgb24> palette, ColorLabelCache cache, CancellationToken cancellationToken)
    {
        int width = image.Width;
        int height = image.Height;
        byte[] labels = Imaging.LargeBuffers.AllocateUninitialized<byte>(width * height);
        byte[]? alpha = null;

        // Errors of this row and the next, three channels, one guard pixel each side so the edges need no test.
        var current = new float[(width + 2) * 3];
        var next = new float[(width + 2) * 3];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < height; y++)
            {
                if ((y & 63) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Span<Rgba32> row = accessor.GetRowSpan(y);
                int offset = y * width;
                for (var x = 0; x < width; x++)
                {
                    Rgba32 p = row[x];
                    if (p.A != 255)
                    {
                        alpha ??= LabelMap.NewOpaqueAlpha(labels.Length);
                        alpha[offset + x] = p.A;
                        if (p.A == 0)
                        {
                            labels[offset + x] = 0;
                            continue;
                        }
                    }

                    int e = (x + 1) * 3;
                    float r = Math.Clamp(p.R + current[e], 0f, 255f);
                    float g = Math.Clamp(p.G + current[e + 1], 0f, 255f);
                    float b = Math.Clamp(p.B + current[e + 2], 0f, 255f);
                    int packed = ((int)MathF.Round(r) << 16) | ((int)MathF.Round(g) << 8) | (int)MathF.Round(b);
                    byte label = cache.LabelOf(packed);
                    labels[offset + x] = label;
                    Rgb24 chosen = palette[label];
                    Spread(current, next, e, r - chosen.R, 0);
                    Spread(current, next, e, g - chosen.G, 1);
                    Spread(current, next, e, b - chosen.B, 2);
                }

                (current, next) = (next, current);
                Array.Clear(next);
            }
        });

        return new LabelMap(width, height, palette.Count, labels, alpha);
    }

    private static void Spread(float[] current, float[] next, int e, float error, int channel)
    {
        current[e + 3 + channel] += error * (7f / 16f);
        next[e - 3 + channel] += error * (3f / 16f);
        next[e + channel] += error * (5f / 16f);
        next[e + 3 + channel] += error * (1f / 16f);
    }
}
