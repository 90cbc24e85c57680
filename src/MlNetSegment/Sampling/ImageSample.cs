using MlNetSegment.Color;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Sampling;

/// <summary>
/// The sample of one image's non-transparent pixels that a fit is made on, in raster order: every such pixel equally
/// likely to be drawn, stratified by colour (see <see cref="ColorStratifiedSample"/>).
/// </summary>
internal static class ImageSample
{
    /// <summary>
    /// Draws <paramref name="count"/> pixels (or all of them, when there are fewer) from the pixels of
    /// <paramref name="image"/> whose alpha is not 0; the same seed gives the same sample. Empty when every pixel is
    /// transparent.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="count">The sample size.</param>
    /// <param name="seed">Seed of the random choice.</param>
    public static SampledPixel[] Draw(Image<Rgba32> image, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ColorStratifiedSample.Histograms histograms = ColorStratifiedSample.Count(image, Environment.ProcessorCount);
        long opaquePixels = histograms.OpaquePixels;
        if (count >= opaquePixels)
        {
            return Every(image, opaquePixels);
        }

        int width = image.Width;
        long[] indices = ColorStratifiedSample.Draw(image, histograms, count, seed);
        var sample = new SampledPixel[indices.Length];
        for (var j = 0; j < indices.Length; j++)
        {
            var y = (int)(indices[j] / width);
            var x = (int)(indices[j] % width);
            sample[j] = new SampledPixel(image.DangerousGetPixelRowMemory(y).Span[x], x, y, 0);
        }

        return sample;
    }

    // Every pixel whose alpha is not 0, in raster order.
    private static SampledPixel[] Every(Image<Rgba32> image, long opaquePixels)
    {
        var every = new SampledPixel[opaquePixels];
        var n = 0;
        for (var y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<Rgba32> row = image.DangerousGetPixelRowMemory(y).Span;
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x].A != 0)
                {
                    every[n++] = new SampledPixel(row[x], x, y, 0);
                }
            }
        }

        return every;
    }

    /// <summary>The colour features of sampled pixels, in <paramref name="space"/>, one row per pixel.</summary>
    public static float[] FeaturesOf(ReadOnlySpan<SampledPixel> pixels, ColorSpace space)
    {
        int dims = ColorFeatures.Dimensions;
        var features = new float[pixels.Length * dims];
        for (var i = 0; i < pixels.Length; i++)
        {
            Rgba32 c = pixels[i].Color;
            ColorFeatures.ToFeatures(space, c.R, c.G, c.B, features.AsSpan(i * dims, dims));
        }

        return features;
    }
}
