using MlNetSegment.Clustering;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Cli;

/// <summary>
/// Compiles the decoders and ML.NET's K-means on the second core while the first parses the command line.
/// </summary>
/// <remarks>
/// The CLI runs with methods fully optimised from their first call (no quick JIT), so each code path pays its JIT
/// once per process: about 0.2 s of a 0.75 s run on an 8 MP PNG went to start-up before any pixel was read. Decoding
/// tiny images and fitting a tiny K-means here moves most of that off the critical path. Nothing here touches user
/// data or shared state, so results do not depend on it.
/// </remarks>
internal static class StartupWarmUp
{
    private static readonly string[] VerbsThatDecode = ["segment", "apply", "train", "elbow", "sample"];

    /// <summary>
    /// Starts the warm-up when the verb decodes images; returns the task (or a completed one). Cancelling
    /// <paramref name="stop"/> skips the steps not yet started, so a run that ends early (a usage error, say) does not
    /// wait for them.
    /// </summary>
    public static Task StartFor(string[] args, CancellationToken stop)
    {
        if (args.Length == 0 || !VerbsThatDecode.Contains(args[0]))
        {
            return Task.CompletedTask;
        }

        // The native decoders need no JIT, only their library loaded; ImageSharp's need compiling when asked for.
        Action[] steps = args.Contains("managed") && args[0] != "sample"
            ?
            [
                () => DecodeTiny(static (image, stream) => image.SaveAsPng(stream)),
                () => DecodeTiny(static (image, stream) => image.SaveAsJpeg(stream)),
                KMeansFitter.WarmUp,
                SegmentTiny,
            ]
            : args[0] == "segment" ? [KMeansFitter.WarmUp, SegmentTiny] // the input prefetch loads the native decoders
            : args[0] == "sample" ? [DecodeTinyNative] // sample fits nothing
            : [DecodeTinyNative, KMeansFitter.WarmUp, SegmentTiny];
        return Task.Run(() =>
        {
            try
            {
                foreach (Action step in steps)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    step();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A warm-up failure only costs speed; the real work reports its own errors.
            }
        }, CancellationToken.None); // not `stop`: a task cancelled before it starts would make Main's Wait throw
    }

    // The rest of a segment run (sampling, features, labelling, the PNG writers) on a 16×16 image: what is left of the
    // second core's idle time while the first decodes an 8 MP photo covers it.
    private static void SegmentTiny()
    {
        using var image = new Image<Rgba32>(16, 16);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 16), (byte)(y * 16), (byte)(x * y), 255);
            }
        }

        var options = new PaletteTrainingOptions { Clusters = 2, SamplePixels = 1_000, Restarts = 1, MaxIterations = 3 };
        SegmentationResult result = ImageSegmenter.Segment(image, options, "warm-up");
        LabelMap labels = result.Labels;
        IndexedPngWriter.WritePalette(Stream.Null, labels.Labels, labels.Width, labels.Height, result.Model.SrgbPalette);
        IndexedPngWriter.WriteGray(Stream.Null, labels.Labels, labels.Width, labels.Height);
    }

    // Loads libSkiaSharp and compiles the managed side of the native decode path.
    private static void DecodeTinyNative()
    {
        using var bitmap = new SKBitmap(4, 4);
        bitmap.Erase(new SKColor(10, 20, 30));
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using Stream stream = png.AsStream();
        using var seekable = new MemoryStream();
        stream.CopyTo(seekable);
        seekable.Position = 0;
        using Image<Rgba32> decoded = ImageLoader.Load(seekable, "warm-up");
    }

    private static void DecodeTiny(Action<Image<Rgba32>, Stream> encode)
    {
        using var stream = new MemoryStream();
        using (var image = new Image<Rgba32>(8, 8, new Rgba32(10, 20, 30, 255)))
        {
            encode(image, stream);
        }

        stream.Position = 0;
        using Image<Rgba32> decoded = ImageLoader.Load(stream, "warm-up");
    }
}
