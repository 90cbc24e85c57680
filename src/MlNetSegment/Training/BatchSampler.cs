using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Training;

/// <summary>
/// Draws one uniform sample of the non-transparent pixels of many images together: every pixel of every image has
/// the same chance to be in it (one <see cref="PixelReservoir"/> over all images in input order). What <c>train</c>
/// fits on, and what <c>sample</c> writes to a sample file.
/// </summary>
internal static class BatchSampler
{
    /// <summary>
    /// Samples <paramref name="paths"/> in order into a reservoir of <paramref name="capacity"/> pixels seeded with
    /// <paramref name="seed"/>. Each image is decoded once; up to <paramref name="decodeAhead"/> are decoded in parallel,
    /// but they enter the sample in input order, so the result does not depend on timing. Unreadable images and images
    /// without an opaque pixel are skipped and listed.
    /// </summary>
    public static BatchSample Sample(
        IReadOnlyList<string> paths,
        int capacity,
        int seed,
        ImageLimits? limits = null,
        IProgress<string>? imageDone = null,
        int decodeAhead = 2,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(decodeAhead, 1);
        var reservoir = new PixelReservoir(capacity, seed);
        var skipped = new List<(string, string)>();
        var used = 0;
        var pending = new Queue<(Task<Image<Rgba32>> Decode, long Pixels)>();
        var next = 0;

        // Decoding ahead holds several images at once: bound their pixels, not just their count (see PixelBudget).
        var budget = new PixelBudget(PixelBudget.DefaultCapacity);
        try
        {
            for (var i = 0; i < paths.Count; i++)
            {
                while (next < paths.Count && pending.Count < decodeAhead)
                {
                    string path = paths[next];
                    long pixels = decodeAhead > 1 ? PixelBudget.PixelsOf(path, limits) : 0;
                    if (!budget.TryReserve(pixels))
                    {
                        break;
                    }

                    next++;
                    pending.Enqueue((Task.Run(() => ImageLoader.Load(path, limits, cancellationToken), cancellationToken), pixels));
                }

                var (task, reserved) = pending.Dequeue();
                try
                {
                    using Image<Rgba32> image = task.GetAwaiter().GetResult();
                    long opaque = OpaquePixels.Count(image);
                    if (opaque == 0)
                    {
                        skipped.Add((paths[i], $"{paths[i]}: no opaque pixels to sample"));
                    }
                    else
                    {
                        reservoir.OfferImage(image, opaque, used);
                        used++;
                    }
                }
                catch (ImageLoadException ex)
                {
                    skipped.Add((paths[i], ex.Message));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Anything else that goes wrong with one image (out of memory included) skips that image only.
                    skipped.Add((paths[i], Messages.FailureOf(paths[i], ex)));
                }
                finally
                {
                    budget.Release(reserved);
                }

                imageDone?.Report(paths[i]);
            }
        }
        finally
        {
            foreach (var (task, _) in pending)
            {
                try
                {
                    task.GetAwaiter().GetResult().Dispose();
                }
                catch (Exception)
                {
                    // Already failed or cancelled; nothing to release.
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new BatchSample(reservoir, used, skipped);
    }
}
