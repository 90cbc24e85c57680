using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Imaging;
using MlNetSegment.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment;

/// <summary>
/// A fitted palette: an ML.NET K-means model over colour features, the colour space its features live in, and one
/// sRGB colour per cluster. It labels any image without re-training.
/// </summary>
public sealed class PaletteModel
{
    /// <summary>Wraps a fitted ML.NET model.</summary>
    public PaletteModel(
        ITransformer model,
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

        SrgbPalette = palette;
        Palette = [.. palette.Select(c => new PaletteColor(c.R, c.G, c.B))];
        _cache = new Lazy<ColorLabelCache>(() => new ColorLabelCache(colorSpace, new NearestCentroid(centroids, ColorFeatures.Dimensions)));
    }

    private readonly Lazy<ColorLabelCache> _cache;

    /// <summary>
    /// The ML.NET transformer (a K-means clustering prediction transformer) that predicts a cluster from a colour
    /// feature vector column named <see cref="Sampling.FeatureDataView.FeaturesColumn"/>.
    /// </summary>
    public ITransformer Model { get; }

    /// <summary>The colour space of the model's features.</summary>
    public ColorSpace ColorSpace { get; }

    /// <summary>Number of clusters (K).</summary>
    public int ClusterCount => Centroids.Length / ColorFeatures.Dimensions;

    /// <summary>Centroids in feature space, K rows of <see cref="ColorFeatures.Dimensions"/> values.</summary>
    public float[] Centroids { get; }

    /// <summary>The sRGB colour of each cluster: its centroid converted back from feature space.</summary>
    public IReadOnlyList<PaletteColor> Palette { get; }

    /// <summary><see cref="Palette"/> as the pixel type the renderers and writers take.</summary>
    internal IReadOnlyList<Rgb24> SrgbPalette { get; }

    /// <summary>What the model was trained on and how.</summary>
    public PaletteModelInfo Info { get; }

    /// <summary>Loads a model file (see <see cref="Models.PaletteModelFile"/>).</summary>
    /// <exception cref="ModelLoadException">The file is unreadable, not a model, damaged, or from a newer version.</exception>
    public static PaletteModel Load(string path) => Models.PaletteModelFile.Load(path);

    /// <summary>
    /// A model whose palette is exactly the given colours ("#rrggbb" or "#rgb"; 2 to 256, distinct), without training:
    /// every pixel maps to the nearest of them in <paramref name="colorSpace"/> (CIELAB by default, the perceptual
    /// choice for fixed palettes). Cluster indices follow ML.NET's initialisation order, not the order given.
    /// </summary>
    /// <exception cref="ArgumentException">A colour does not parse, is given twice, or there are too few or too many.</exception>
    public static PaletteModel FromColors(IEnumerable<string> colors, ColorSpace colorSpace = ColorSpace.Lab)
    {
        ArgumentNullException.ThrowIfNull(colors);
        return FixedPalette.FromPacked([.. colors.Select(FixedPalette.ParseHex)], colorSpace);
    }

    /// <summary>
    /// A model whose palette is the distinct colours of the opaque pixels of an image (a swatch card), at most 256.
    /// </summary>
    /// <exception cref="ImageLoadException">The image cannot be read.</exception>
    /// <exception cref="InvalidOperationException">It holds fewer than 2 or more than 256 colours.</exception>
    public static PaletteModel FromImage(string path, ColorSpace colorSpace = ColorSpace.Lab, ImageLimits? limits = null) =>
        FixedPalette.FromImage(path, colorSpace, limits);

    /// <summary>Saves this model to <paramref name="path"/> atomically.</summary>
    public void Save(string path, bool overwrite = false) => Models.PaletteModelFile.Save(this, path, overwrite);

    /// <summary>
    /// Labels every opaque pixel of <paramref name="image"/> (BGRA or RGBA, as ML.NET's <c>LoadImages</c> gives it)
    /// with its cluster. Fully transparent pixels get cluster 0 and alpha 0 in the label map. Thread-safe.
    /// </summary>
    public LabelMap Label(MLImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using Image<Rgba32> pixels = MlImages.ToImage(image);
        return Label(pixels, cancellationToken);
    }

    /// <summary>
    /// Labels every opaque pixel of an RGBA buffer (<paramref name="width"/> × <paramref name="height"/> pixels, 4 bytes
    /// each, rows top to bottom) with its cluster. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer does not hold width × height × 4 bytes.</exception>
    public LabelMap Label(byte[] rgba, int width, int height, CancellationToken cancellationToken = default)
    {
        using Image<Rgba32> pixels = WrapRgba(rgba, width, height);
        return Label(pixels, cancellationToken);
    }

    /// <summary>
    /// Floyd–Steinberg dithered labels of an <see cref="MLImage"/>: which palette colour each pixel shows when the
    /// palette's error is diffused to its neighbours. Every label is a palette index; the same image gives the same
    /// result.
    /// </summary>
    public LabelMap Dither(MLImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using Image<Rgba32> pixels = MlImages.ToImage(image);
        return Dither(pixels, cancellationToken);
    }

    /// <summary>Floyd–Steinberg dithered labels of an RGBA buffer laid out as for <see cref="Label(byte[], int, int, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">The buffer does not hold width × height × 4 bytes.</exception>
    public LabelMap Dither(byte[] rgba, int width, int height, CancellationToken cancellationToken = default)
    {
        using Image<Rgba32> pixels = WrapRgba(rgba, width, height);
        return Dither(pixels, cancellationToken);
    }

    /// <summary>
    /// The image <paramref name="labels"/> shows with this palette, as RGBA bytes, rows top to bottom (alpha kept from
    /// the labelled image): every opaque pixel one of <see cref="Palette"/>'s colours.
    /// </summary>
    public byte[] Render(LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using Image segmented = Rendering.SegmentedImageRenderer.Render(labels, SrgbPalette);
        using Image<Rgba32> rgba = segmented.CloneAs<Rgba32>();
        var bytes = new byte[labels.Width * labels.Height * 4];
        rgba.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Labels every opaque pixel of a decoded image. Each distinct colour is labelled once per model (by
    /// <see cref="NearestCentroid"/>, which reproduces ML.NET's prediction exactly) and remembered, so pixels mostly
    /// take their colour's label from a table. Thread-safe.
    /// </summary>
    internal LabelMap Label(Image<Rgba32> image, CancellationToken cancellationToken = default) =>
        LabelWith(_cache.Value, ClusterCount, image, cancellationToken);

    /// <summary>Labels every opaque pixel of <paramref name="image"/> through <paramref name="cache"/>.</summary>
    internal static LabelMap LabelWith(ColorLabelCache cache, int clusterCount, Image<Rgba32> image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width;
        int height = image.Height;
        // Every element is written below.
        byte[] labels = Imaging.LargeBuffers.AllocateUninitialized<byte>(width * height);
        byte[]? alpha = null;
        var alphaLock = new object();
        if (!image.DangerousTryGetSinglePixelMemory(out Memory<Rgba32> pixels))
        {
            throw new InvalidOperationException("The image buffer is not contiguous; load it with ImageLoader.");
        }

        const int RowsPerBlock = 64;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, (height + RowsPerBlock - 1) / RowsPerBlock, options, block =>
        {
            Span<Rgba32> all = pixels.Span;
            int start = block * RowsPerBlock * width;
            int end = Math.Min(height, (block + 1) * RowsPerBlock) * width;
            for (int i = start; i < end; i++)
            {
                Rgba32 p = all[i];
                labels[i] = p.A == 0 ? (byte)0 : cache.LabelOf(DistinctColors.Pack(p));
                if (p.A != 255)
                {
                    if (alpha is null)
                    {
                        lock (alphaLock)
                        {
                            alpha ??= LabelMap.NewOpaqueAlpha(labels.Length);
                        }
                    }

                    alpha[i] = p.A;
                }
            }
        });

        return new LabelMap(width, height, clusterCount, labels, alpha);
    }

    /// <summary>
    /// Dithered labels of a decoded image (see <see cref="Rendering.FloydSteinbergDither"/>). Not thread-parallel:
    /// error diffusion is sequential.
    /// </summary>
    internal LabelMap Dither(Image<Rgba32> image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Rendering.FloydSteinbergDither.Apply(image, SrgbPalette, _cache.Value, cancellationToken);
    }

    // The caller's RGBA bytes as an image (copied once: ImageSharp owns its buffers).
    private static Image<Rgba32> WrapRgba(byte[] rgba, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgba.LongLength != 4L * width * height)
        {
            throw new ArgumentException($"An RGBA buffer of {width} × {height} pixels holds {4L * width * height:N0} bytes, not {rgba.LongLength:N0}.", nameof(rgba));
        }

        return Image.LoadPixelData<Rgba32>(rgba, width, height);
    }

    /// <summary>The cluster index of each packed 0xRRGGBB colour, predicted through ML.NET's own <c>Transform</c>.</summary>
    public byte[] PredictColors(ReadOnlySpan<int> packedColors) =>
        Labeller.PredictLabels(Model, FeaturesOf(packedColors), ColorFeatures.Dimensions);

    private float[] FeaturesOf(ReadOnlySpan<int> packedColors) => ColorFeatures.OfPackedColors(ColorSpace, packedColors);
}
