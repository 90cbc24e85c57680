namespace MlNetSegment.Cli;

/// <summary>Reports each image a library call finishes as one item of a <see cref="BatchProgress"/>.</summary>
internal sealed class ItemProgress(BatchProgress progress) : IProgress<string>
{
    public void Report(string value) => progress.ItemDone(value);
}
