namespace MlNetSegment.Reporting;

/// <summary>A failed input of a batch.</summary>
/// <param name="Input">The input.</param>
/// <param name="Error">Why it failed, as its manifest says.</param>
/// <param name="Manifest">The manifest that names it.</param>
internal sealed record ManifestFailure(string Input, string? Error, string Manifest);
