using MlNetSegment.Imaging;
using MlNetSegment.Output;

namespace MlNetSegment.Batch;

/// <summary>Runs the jobs of a batch in parallel within the memory budget; shared by <c>apply</c> and batch <c>segment</c>.</summary>
internal static class BatchRunner
{
    /// <summary>
    /// Runs <paramref name="runOne"/> on every job, up to <paramref name="parallelism"/> at a time, and returns the
    /// outcomes in job order, whatever the order they finish in.
    /// </summary>
    public static IReadOnlyList<ApplyOutcome> Run(
        IReadOnlyList<ApplyJob> jobs,
        int parallelism,
        ImageLimits? limits,
        Func<ApplyJob, ApplyOutcome> runOne,
        Action<ApplyOutcome>? jobDone,
        CancellationToken cancellationToken)
    {
        var outcomes = new ApplyOutcome[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        var budget = new PixelBudget(PixelBudget.DefaultCapacity);
        var memory = new MemoryBetweenImages();
        Parallel.For(0, jobs.Count, options, i =>
        {
            // Memory follows the pixels in flight, not the core count: large images wait for each other.
            long pixels = parallelism > 1 ? PixelBudget.PixelsOf(jobs[i].InputPath, limits) : 0;
            budget.Reserve(pixels, cancellationToken);
            try
            {
                // And it does not add up from image to image: what the images before this one left is freed first.
                memory.BeforeImage();
                outcomes[i] = runOne(jobs[i]);
            }
            finally
            {
                budget.Release(pixels);
            }

            jobDone?.Invoke(outcomes[i]);
        });
        return outcomes;
    }
}
