using MlNetSegment.IO;
using MlNetSegment.Imaging;
using MlNetSegment.Output;
using MlNetSegment.Segmentation;

namespace MlNetSegment.Batch;

/// <summary>
/// Segments many images, each with a palette fitted on its own pixels (batch <c>segment</c>), in parallel, one failure
/// not stopping the rest; resumable like <see cref="PaletteApplier"/>.
/// </summary>
internal static class BatchSegmenter
{
    /// <summary>
    /// Runs <paramref name="jobs"/> on up to <paramref name="parallelism"/> images at a time. Each image gets what
    /// <see cref="ImageSegmenter.Segment"/> gives it alone with <paramref name="options"/>, so its outputs do not
    /// depend on the other images, the parallelism or the order. An image whose segmented image exists is skipped
    /// unless <paramref name="overwrite"/>: the segmented image is written last (see
    /// <see cref="SegmentationOutputWriter.WriteSegmentedLast"/>), so it exists only once the image is finished.
    /// </summary>
    /// <param name="jobs">Images and their outputs.</param>
    /// <param name="options">K-means and sampling options of every image.</param>
    /// <param name="elbowOptions">
    /// When not null, K is chosen per image by the elbow analysis over K = 2..16 with these options (<c>-k auto</c>);
    /// <paramref name="options"/>' K is then ignored.
    /// </param>
    /// <param name="parallelism">Images processed at once.</param>
    /// <param name="overwrite">Replace existing outputs.</param>
    /// <param name="limits">Image size limits.</param>
    /// <param name="jobDone">Called (from worker threads) as each job finishes.</param>
    /// <param name="cancellationToken">Stops the batch; files under way are abandoned before their rename.</param>
    public static IReadOnlyList<ApplyOutcome> Run(
        IReadOnlyList<ApplyJob> jobs,
        PaletteTrainingOptions options,
        PaletteTrainingOptions? elbowOptions,
        int parallelism,
        bool overwrite,
        ImageLimits? limits = null,
        Action<ApplyOutcome>? jobDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        options.Validate();
        elbowOptions?.Validate();
        return BatchRunner.Run(jobs, parallelism, limits, job => RunOne(job, options, elbowOptions, overwrite, limits, cancellationToken), jobDone, cancellationToken);
    }

    /// <summary>True when <paramref name="plan"/>'s files exist, as a finished image of a batch leaves them.</summary>
    public static bool IsFinished(OutputPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // K is known only after the fit: every image has a cluster 0, so its mask stands for all of them.
        return plan.AllWritten(clusterCount: 1);
    }

    private static ApplyOutcome RunOne(
        ApplyJob job, PaletteTrainingOptions options, PaletteTrainingOptions? elbowOptions, bool overwrite, ImageLimits? limits, CancellationToken cancellationToken)
    {
        if (!overwrite && IsFinished(job.Outputs))
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
            using LoadedImage loaded = ImageLoader.LoadWithNotices(job.InputPath, limits, cancellationToken);
            var notices = new List<string>(loaded.Notices);
            ImagePipelineResult result = ImagePipeline.Run(
                loaded.Image, new ImagePipelineOptions { Fit = options, AutoClusters = elbowOptions }, job.InputPath, cancellationToken: cancellationToken);
            PaletteModel model = result.Model!;
            notices.AddRange(result.Notices);
            job.Outputs.WriteOrUndo(
                model.ClusterCount,
                () => SegmentationOutputWriter.WriteSegmentedLast(job.InputPath, loaded.Image, result.Labels, model, job.Outputs, overwrite, cancellationToken));

            return new ApplyOutcome(job, ApplyStatus.Succeeded, null) { ClusterCount = model.ClusterCount, Notices = notices };
        }
        catch (Exception ex) when (ex is ImageLoadException or IOException or UnauthorizedAccessException)
        {
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.OneLine(IoErrors.AsLine(ex) ?? ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As in apply: whatever goes wrong with one image, out of memory included, is that image's failure.
            return new ApplyOutcome(job, ApplyStatus.Failed, Messages.FailureOf(job.InputPath, ex));
        }
    }
}
