namespace MlNetSegment.Batch;

/// <summary>
/// Gives the memory of a batch's finished images back to the system before the next image starts, so that a batch
/// peaks at its largest image, not at what its images add up to.
/// </summary>
/// <remarks>
/// Why: an image's big buffers (its pixels and labels on the pinned object heap, the boundaries image and its mask on
/// the large object heap) are garbage once it is written, but nothing collected them before the next image was
/// decoded; and a collection keeps the memory it frees mapped, for the heap's later use, which decodes outside the
/// heap (ImageSharp's, for GIF and BMP) cannot use and the next image's buffers did not always fit. A
/// <c>segment --jobs 1 --boundaries</c> batch of three 100 MP images took 1.07 GB for the first, 1.46 once the second
/// was decoded while the first's 1 GB of buffers were still held, and 2.34 once a GIF was decoded beside memory freed
/// but still mapped. With an aggressive collection before each image it peaked at 1.07 GB, as its largest image does
/// alone, for 30–55 ms a collection; with a plain full collection, which frees but keeps the memory, at 1.44 GB.
/// Images that leave less than <see cref="CollectAboveBytes"/> behind (a 9 MP photo segmented leaves about 45 MB) are
/// not collected for: the heap reuses their memory, and a collection would only cost time.
/// </remarks>
internal sealed class MemoryBetweenImages
{
    /// <summary>How much more than after the last collection the heap must hold for the next image to collect first.</summary>
    public const long CollectAboveBytes = 64L << 20;

    private readonly object _gate = new();

    // The heap after the last collection (or when the batch started): what is live, the model and ML.NET included.
    // GetTotalMemory without a collection counts what is allocated, garbage not yet collected included.
    private long _heldAfterCollect = GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>
    /// Called before each image of the batch: when the heap holds <see cref="CollectAboveBytes"/> or more beyond what
    /// it held after the last collection (the garbage of the images before, uncollected), collects it and unmaps the
    /// memory freed. With parallel images, an image that finds another collecting goes on without waiting.
    /// </summary>
    public void BeforeImage()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) - Volatile.Read(ref _heldAfterCollect) < CollectAboveBytes || !Monitor.TryEnter(_gate))
        {
            return;
        }

        try
        {
            if (GC.GetTotalMemory(forceFullCollection: false) - _heldAfterCollect >= CollectAboveBytes)
            {
                // Aggressive: a full blocking, compacting collection that also returns the free memory to the system.
                // Images in flight beside this one are only paused: a live 400 MB array was not copied.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                Volatile.Write(ref _heldAfterCollect, GC.GetTotalMemory(forceFullCollection: false));
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
