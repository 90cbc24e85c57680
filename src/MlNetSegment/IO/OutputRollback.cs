namespace MlNetSegment.IO;

/// <summary>
/// The outputs one image's run is about to write, and which of them it would create: when the run fails part-way
/// (a full disk, say), <see cref="Undo"/> removes the files it created, so that a failed image leaves none of its
/// outputs behind — what a manifest's <c>"outputs": []</c> for it says, and what a user expects of a command that
/// failed. Each file is written atomically anyway, so nothing half-written is ever there to remove.
/// </summary>
/// <remarks>
/// Files that existed before are never touched: those kept by a resumed batch, and those replaced under
/// <c>--force</c> (their old content is gone once replaced; the new one is whole and stays). A folder the run made
/// for its outputs (the masks folder) is removed too when it is left empty. Cancellation is not a failure: what a
/// cancelled batch finished stays, for the next run to resume from.
/// </remarks>
internal sealed class OutputRollback
{
    private readonly string[] _newFiles;
    private readonly string[] _newFolders;

    private OutputRollback(string[] newFiles, string[] newFolders)
    {
        _newFiles = newFiles;
        _newFolders = newFolders;
    }

    /// <summary>
    /// Notes which of <paramref name="files"/> and <paramref name="folders"/> do not exist yet; call it just before
    /// the run writes them.
    /// </summary>
    /// <param name="files">Every file the run may write (nulls are skipped).</param>
    /// <param name="folders">
    /// Folders the run may create for them, as full paths (nulls are skipped); removed deepest (longest) first.
    /// </param>
    public static OutputRollback Begin(IEnumerable<string?> files, params string?[] folders)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new OutputRollback(
            [.. files.OfType<string>().Distinct(StringComparer.Ordinal).Where(path => !File.Exists(path))],
            [.. folders.OfType<string>().Distinct(StringComparer.Ordinal).Where(path => !Directory.Exists(path)).OrderByDescending(path => path.Length)]);
    }

    /// <summary>
    /// Runs <paramref name="write"/>; when it fails (cancellation aside, see the remarks), removes what it created
    /// (<see cref="Undo"/>) and rethrows.
    /// </summary>
    public T Guard<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Undo();
            throw;
        }
    }

    /// <summary>
    /// Removes the files noted by <see cref="Begin"/> that exist now, then those folders when empty. Best effort: the
    /// failure being reported matters more than a file that could not be removed.
    /// </summary>
    public void Undo()
    {
        foreach (string path in _newFiles)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left in place: the error that made the run fail is the one to report.
            }
        }

        foreach (string folder in _newFolders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }
}
