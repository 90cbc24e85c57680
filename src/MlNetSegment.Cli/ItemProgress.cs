namespace MlNetSegment.Cli;

/// <summary>
/// Reports each image a library call finishes as one item of a <see cref="BatchProgress"/>; after the last of
/// <paramref name="total"/>, shows <paramref name="afterLast"/> (training's fit runs with no items left to count, and
/// a bar sitting at 100 % would look stuck).
/// </summary>
internal sealed class ItemProgress(BatchProgress progress, int total = 0, string? afterLast = null) : IProgress<string>
{
    private int _done;

    public void Report(string value)
    {
        progress.ItemDone(value);
        if (Interlocked.Increment(ref _done) == total && afterLast is not null)
        {
            progress.Phase(afterLast);
        }
    }
}
