using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment;

/// <summary>
/// The three jobs, by file path: train a palette on reference images, apply a palette to an image, segment one image
/// ad hoc. Images are read with the same guards as the CLI (header limits before decoding, format from content) and
/// outputs are written atomically; the format follows the output's extension (.png, .jpg, .bmp).
/// </summary>
public static class ColorSegmenter
{
    /// <summary>
    /// Fits one palette on a sample drawn from all <paramref name="imagePaths"/> (every opaque pixel of every image
    /// equally likely, as <c>mlnetsegment train</c>).
    /// </summary>
    /// <exception cref="ImageLoadException">An image cannot be read; nothing is trained.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static PaletteModel Train(IReadOnlyList<string> imagePaths, PaletteTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        ArgumentOutOfRangeException.ThrowIfZero(imagePaths.Count);
        PaletteTrainingRun run = PaletteTrainer.Train(imagePaths, options ?? new PaletteTrainingOptions(), cancellationToken: cancellationToken);
        if (run.Skipped.Count > 0)
        {
            // A library caller asked for these images: a palette silently trained without some of them would mislead.
            var (path, reason) = run.Skipped[0];
            throw new ImageLoadException(path, ImageProblem.Unreadable, reason);
        }

        return run.Model;
    }

    /// <summary>
    /// Writes <paramref name="inputPath"/> rebuilt from <paramref name="model"/>'s palette to
    /// <paramref name="outputPath"/> (replacing it), optionally Floyd–Steinberg dithered; returns the label map.
    /// </summary>
    /// <exception cref="ImageLoadException">The image cannot be read.</exception>
    public static LabelMap Apply(PaletteModel model, string inputPath, string outputPath, bool dither = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        using Image<Rgba32> image = ImageLoader.Load(inputPath, cancellationToken: cancellationToken);
        LabelMap labels = model.Label(image, cancellationToken);
        LabelMap shown = dither ? model.Dither(image, cancellationToken) : labels;
        CreateFolderOf(outputPath);
        SegmentationWriter.WriteSegmented(shown, model.SrgbPalette, outputPath, overwrite: true);
        return labels;
    }

    /// <summary>
    /// Fits a palette on <paramref name="inputPath"/>'s own pixels and writes the image rebuilt from it to
    /// <paramref name="outputPath"/> (replacing it); returns the palette, to save or apply elsewhere.
    /// </summary>
    /// <exception cref="ImageLoadException">The image cannot be read or has no opaque pixel.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static PaletteModel Segment(string inputPath, string outputPath, PaletteTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        using Image<Rgba32> image = ImageLoader.Load(inputPath, cancellationToken: cancellationToken);
        SegmentationResult result = ImageSegmenter.Segment(image, options ?? new PaletteTrainingOptions(), inputPath, cancellationToken);
        CreateFolderOf(outputPath);
        SegmentationWriter.WriteSegmented(result.Labels, result.Model.SrgbPalette, outputPath, overwrite: true);
        return result.Model;
    }

    private static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
