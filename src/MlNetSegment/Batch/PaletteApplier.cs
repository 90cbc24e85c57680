using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Batch;

/// <summary>Segments a batch of images with one saved palette, in parallel, one failure not stopping the rest.</summary>
internal static class PaletteApplier
{
    /// <summary>
    /// Runs <paramref name="jobs"/> on up to <paramref name="parallelism"/> images at a time. Every output is written
    /// atomically; existing outputs are kept and the job skipped unless <paramref name="overwrite"/>. The outputs of
    /// a job do not depend on the parallelism or the order.
    /// </summary>
    /// <param name="model">The palette.</param>
    /// <param name="jobs">Images and their outputs.</param>
    /// <param name="parallelism">Images processed at once.</param>
    /// <param name="overwrite">Replace existing outputs.</param>
    /// <param name="limits">Image size limits.</param>
    /// <param name="jobDone">Called (from worker threads) as each job finishes.</param>
    /// <param name="cancellationToken">Stops starting new jobs; jobs under way finish or are abandoned before their rename.</param>
    public static IReadOnlyList<ApplyOutcome> Run(
        PaletteModel model,
        IReadOnlyList<ApplyJob> jobs,
        int parallelism,
        bool overwrite,
        ImageLimits? limits = null,
        Action<ApplyOutcome>? jobDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        return BatchRunner.Run(jobs, parallelism, limits, job => RunOne(model, job, overwrite, limits, cancellationToken), jobDone, cancellationToken);
    }

    /// <summary>Segments one image with <paramref name="model"/> and writes its outputs.</summary>
    public static ApplyOutcome RunOne(PaletteModel model, ApplyJob job, bool overwrite, ImageLimits? limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(job);

        // Its outputs' names are as garbled as its own, and may be another image's: fail it before looking at them.
        if (FileNames.NotUtf8(job.InputPath) is { } notUtf8)
        {
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.OneLine(new ImageLoadException(job.InputPath, ImageProblem.Unreadable, notUtf8).Message));
        }

        if (FileNames.TooLong(job.InputPath) is { } tooLong)
        {
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.OneLine(new ImageLoadException(FileNames.Shortened(job.InputPath), ImageProblem.Unreadable, tooLong).Message));
        }

        if (!overwrite && job.Outputs.AllWritten(model.ClusterCount))
        {
            return new ApplyOutcome(job, ApplyStatus.Skipped, null);
        }

        // A folder where an output file goes (or a file where its masks folder goes) fails this image before any work,
        // in one line that names it, rather than part-way with the runtime's words (probe round 8).
        if (job.Outputs.Obstacle() is { } obstacle)
        {
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.OneLine(obstacle));
        }

        try
        {
            using Image<Rgba32> image = ImageLoader.Load(job.InputPath, limits, cancellationToken);
            if (OpaquePixels.Count(image) == 0)
            {
                throw ImageLoadException.NoOpaquePixels(job.InputPath);
            }

            LabelMap labels = model.Label(image, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            job.Outputs.WriteOrUndo(model.ClusterCount, () =>
            {
                if (overwrite)
                {
                    SegmentationOutputWriter.WriteAll(job.InputPath, image, labels, model, job.Outputs, overwrite: true, cancellationToken);
                }
                else
                {
                    SegmentationOutputWriter.WriteMissing(job.InputPath, image, labels, model, job.Outputs, cancellationToken);
                }
            });

            return new ApplyOutcome(job, ApplyStatus.Succeeded, null);
        }
        catch (Exception ex) when (ex is ImageLoadException or IOException or UnauthorizedAccessException)
        {
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.OneLine(IoErrors.AsLine(ex) ?? ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else goes wrong with one image is that image's failure: the batch goes on. Out of memory too:
            // the image's buffers are garbage once this frame is left, and the other images may well fit.
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.FailureOf(job.InputPath, ex));
        }
    }
}
