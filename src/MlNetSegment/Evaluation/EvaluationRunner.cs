namespace MlNetSegment.Evaluation;

/// <summary>
/// Scores a folder of predicted label PNGs against a <see cref="GroundTruthSet"/>. A prediction for image ID is named
/// <c>ID.png</c> or <c>ID.anything.png</c> (such as <c>100099.regions.png</c>).
/// </summary>
internal static class EvaluationRunner
{
    // Which of an image's files is its prediction: ID.regions.png, then ID.labels.png, then any other ID[.*].png.
    private static int Priority(string fileName) =>
        fileName.EndsWith(".regions.png", StringComparison.OrdinalIgnoreCase) ? 0
        : fileName.EndsWith(".labels.png", StringComparison.OrdinalIgnoreCase) ? 1
        : 2;

    /// <summary>
    /// Evaluates every prediction in <paramref name="predictionFolder"/> that has ground truth. A prediction that cannot
    /// be scored (unreadable, refused, another size than its annotations, an annotation unreadable, a second
    /// prediction for its id) is reported in
    /// <see cref="EvaluationReport.Failures"/> and the others are still scored.
    /// </summary>
    /// <exception cref="IOException">A folder is missing, or nothing matched.</exception>
    public static EvaluationReport Run(string predictionFolder, string groundTruthFolder, CancellationToken cancellationToken = default) =>
        Run(predictionFolder, groundTruthFolder, ImageLimits.Default, cancellationToken);

    /// <inheritdoc cref="Run(string, string, CancellationToken)"/>
    /// <param name="predictionFolder">Folder of predicted label maps.</param>
    /// <param name="groundTruthFolder">Folder of human segmentations.</param>
    /// <param name="limits">Bounds every label map is read under (pixel count checked from the header).</param>
    /// <param name="cancellationToken">Cancels between images.</param>
    public static EvaluationReport Run(string predictionFolder, string groundTruthFolder, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(predictionFolder);
        ArgumentNullException.ThrowIfNull(groundTruthFolder);
        GroundTruthSet truth = GroundTruthSet.Open(groundTruthFolder);
        if (!Directory.Exists(predictionFolder))
        {
            throw new IOException(File.Exists(predictionFolder)
                ? $"{predictionFolder}: is a file; --pred takes the folder of predictions"
                : $"{predictionFolder}: prediction folder does not exist");
        }

        var predictions = new SortedDictionary<string, string>(GroundTruthSet.IdComparer.Instance);
        var ambiguous = new SortedDictionary<string, EvaluationFailure>(GroundTruthSet.IdComparer.Instance);
        var notices = new List<string>();
        var unmatched = 0;
        // Folders too, as in GroundTruthSet: a folder named like a prediction is that image's failure, not silence.
        foreach (string path in Directory.EnumerateFileSystemEntries(predictionFolder, "*.png").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            string id = name[..name.IndexOf('.', StringComparison.Ordinal)];
            if (!truth.Contains(id))
            {
                unmatched++;
                continue;
            }

            if (predictions.TryGetValue(id, out string? first) && Priority(name) != Priority(Path.GetFileName(first)))
            {
                // segment writes several PNGs per image into one folder; the region map is the segmentation to score.
                if (Priority(name) < Priority(Path.GetFileName(first)))
                {
                    predictions[id] = path;
                }

                continue;
            }

            if (!predictions.TryAdd(id, path))
            {
                // Which one is meant cannot be told: that image is not scored, the others are (probe round 8).
                ambiguous.TryAdd(id, new EvaluationFailure(id, path, $"{path}: a second prediction for image {id} (first: {Path.GetFileName(predictions[id])})"));
            }
        }

        foreach (string id in ambiguous.Keys)
        {
            predictions.Remove(id);
        }

        if (predictions.Count == 0 && ambiguous.Count == 0)
        {
            throw new IOException($"{predictionFolder}: no prediction matches an image id of {groundTruthFolder}");
        }

        if (unmatched > 0)
        {
            notices.Add($"{unmatched} prediction file(s) have no ground truth and were ignored.");
        }

        int missing = truth.Ids.Count(id => !predictions.ContainsKey(id) && !ambiguous.ContainsKey(id));
        if (missing > 0)
        {
            notices.Add($"{missing} ground-truth image(s) have no prediction and were not scored.");
        }

        var images = new List<ImageEvaluation>();
        var failures = new List<EvaluationFailure>(ambiguous.Values);
        foreach (var (id, path) in predictions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                images.Add(Evaluate(id, path, truth, limits));
            }
            catch (IOException ex)
            {
                // One bad file is that file's problem: the rest of the folder is still scored (probe round 7, F6).
                failures.Add(new EvaluationFailure(id, path, ex.Message));
            }
        }

        failures.Sort((a, b) => GroundTruthSet.IdComparer.Instance.Compare(a.Id, b.Id));
        return images.Count == 0
            ? new EvaluationReport(images, null, null, notices, failures)
            : new EvaluationReport(
                images, SegmentationScore.Mean([.. images.Select(i => i.Score)]), images.Average(i => i.Regions), notices, failures);
    }

    private static ImageEvaluation Evaluate(string id, string path, GroundTruthSet truth, ImageLimits limits)
    {
        var (labels, width, height) = LabelImageReader.Read(path, limits);

        // One annotation at a time, scored and dropped: memory is two label maps, whatever the annotator count.
        var scores = new List<SegmentationScore>();
        foreach (var (_, annotation, gtWidth, gtHeight) in truth.Read(id, limits))
        {
            if (width != gtWidth || height != gtHeight)
            {
                throw new IOException($"{path}: {width}×{height} differs from the ground truth of {id} ({gtWidth}×{gtHeight})");
            }

            try
            {
                scores.Add(SegmentationMetrics.Compare(labels, annotation));
            }
            catch (ArgumentException ex)
            {
                // Too many labels for one table: a property of these files, said in one line that names them.
                throw new IOException($"{path}: {ex.Message}", ex);
            }
        }

        if (scores.Count == 0)
        {
            throw new IOException($"{id}: no ground-truth annotation");
        }

        return new ImageEvaluation(id, path, SegmentationScore.Mean(scores), labels.Distinct().Count(), scores.Count);
    }
}
