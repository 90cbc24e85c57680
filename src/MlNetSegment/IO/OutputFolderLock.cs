namespace MlNetSegment.IO;

/// <summary>
/// An exclusive claim on an output folder for the length of a batch, so that two runs never write into one folder at
/// once (each would take the other's live temporary files for a crashed run's leftovers and delete them).
/// </summary>
/// <remarks>
/// The claim is a hidden lock file opened without sharing, which .NET turns into an advisory lock held by the open
/// file: the kernel releases it when the process ends in any way, so a crashed run never leaves a stale claim.
/// </remarks>
internal sealed class OutputFolderLock : IDisposable
{
    /// <summary>Name of the lock file inside the output folder.</summary>
    public const string FileName = ".mlnetsegment.lock";

    private readonly FileStream _stream;

    private OutputFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Claims <paramref name="folder"/> (which must exist).</summary>
    /// <exception cref="IOException">Another run holds the folder, or the lock file cannot be created.</exception>
    public static OutputFolderLock Acquire(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = Path.Combine(folder, FileName);
        try
        {
            return new OutputFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException ex)
        {
            throw new IOException($"{folder}: output folder is in use by another mlnetsegment run; wait for it to finish or use another folder", ex);
        }
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose() => _stream.Dispose();
}
