namespace MlNetSegment.Output;

/// <summary>One image to segment with a saved palette, and where its outputs go.</summary>
/// <param name="InputPath">The image.</param>
/// <param name="Outputs">The files to write for it.</param>
internal sealed record ApplyJob(string InputPath, OutputPlan Outputs)
{
    /// <summary>The segmented image's path.</summary>
    public string OutputPath => Outputs.SegmentedPath;
}

/// <summary>What happened to one <see cref="ApplyJob"/>.</summary>
internal enum ApplyStatus
{
    /// <summary>Outputs written.</summary>
    Succeeded,

    /// <summary>Outputs already existed and overwriting was not asked for (an interrupted batch resumes this way).</summary>
    Skipped,

    /// <summary>The image could not be segmented or written; see the message.</summary>
    Failed,
}

/// <summary>The result of one <see cref="ApplyJob"/>.</summary>
/// <param name="Job">The job.</param>
/// <param name="Status">What happened.</param>
/// <param name="Message">One line naming the file and the problem, for failures.</param>
internal sealed record ApplyOutcome(ApplyJob Job, ApplyStatus Status, string? Message)
{
    /// <summary>
    /// The palette's size when the image was segmented with its own fit (batch <c>segment</c>), where K can be chosen
    /// per image or lowered to its colour count; null when it is the model's.
    /// </summary>
    public int? ClusterCount { get; init; }

    /// <summary>Things the user should know about this image (K lowered, K chosen by -k auto, a GIF's first frame).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
