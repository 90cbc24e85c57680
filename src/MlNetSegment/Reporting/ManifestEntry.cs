namespace MlNetSegment.Reporting;

/// <summary>What happened to one input of a batch run, as one line of its manifest.</summary>
/// <param name="Input">The input as the run named it.</param>
/// <param name="Status">What happened.</param>
/// <param name="Outputs">The files of the input: written (<see cref="ManifestStatus.Ok"/>) or found in place (<see cref="ManifestStatus.Skipped"/>); none when it failed.</param>
/// <param name="Error">One line naming the input and the problem, for a failure; else null.</param>
internal sealed record ManifestEntry(string Input, ManifestStatus Status, IReadOnlyList<string> Outputs, string? Error);
