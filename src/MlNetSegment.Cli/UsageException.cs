namespace MlNetSegment.Cli;

/// <summary>Invalid usage found before any work (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
