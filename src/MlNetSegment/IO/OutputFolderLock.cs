namespace MlNetSegment.IO;

/// <summary>
/// An exclusive claim on an output folder for the length of a batch, so that two runs never write into one folder at
/// once (each would take the other's live temporary files for a crashed run's leftovers and delete them). The shards of
/// a batch (<c>--shard I/N</c>) write into one folder together: each claims only its own shard, and a whole-folder run
/// and a shard run refuse each other.
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

    /// <summary>Prefix of the lock files of shards: <c>.mlnetsegment-shard-I-of-N.lock</c>.</summary>
    public const string ShardFilePrefix = ".mlnetsegment-shard-";

    /// <summary>Claims <paramref name="folder"/> (which must exist).</summary>
    /// <exception cref="IOException">Another run holds the folder, or the lock file cannot be created.</exception>
    public static OutputFolderLock Acquire(string folder) => Acquire(folder, Shard.All);

    /// <summary>
    /// Claims <paramref name="shard"/> of <paramref name="folder"/> (which must exist): the whole folder for
    /// <see cref="Shard.All"/>, refused while any shard runs there; else that shard, refused while the same shard or
    /// a whole-folder run holds it.
    /// </summary>
    /// <exception cref="IOException">Another run holds the folder or the shard, or the lock file cannot be created.</exception>
    public static OutputFolderLock Acquire(string folder, Shard shard)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string name = shard.IsAll ? FileName : $"{ShardFilePrefix}{shard.Index}-of-{shard.Count}.lock";
        OutputFolderLock claim;
        try
        {
            claim = new OutputFolderLock(Open(Path.Combine(folder, name)));
        }
        catch (IOException ex)
        {
            throw InUse(folder, shard, ex);
        }

        // The other kind of claim is probed after taking ours, so that two runs starting together cannot both miss
        // the other: at least one of them sees the other's lock held.
        IEnumerable<string> others = shard.IsAll
            ? Directory.EnumerateFiles(folder, ShardFilePrefix + "*.lock")
            : [Path.Combine(folder, FileName)];
        foreach (string other in others)
        {
            if (IsHeld(other))
            {
                claim.Dispose();
                throw InUse(folder, shard, null);
            }
        }

        return claim;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

    // A shared lock (read-only, sharing allowed) fails only while someone holds the exclusive one, so the many tasks of
    // an array starting together can probe one lock file at the same moment.
    private static bool IsHeld(string path)
    {
        try
        {
            using FileStream probe = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static IOException InUse(string folder, Shard shard, Exception? inner) => new(
        shard.IsAll
            ? $"{folder}: output folder is in use by another mlnetsegment run; wait for it to finish or use another folder"
            : $"{folder}: shard {shard} of this output folder is in use by another mlnetsegment run (the same shard, or a run over all inputs); wait for it to finish",
        inner);

    /// <summary>Releases the folder.</summary>
    public void Dispose() => _stream.Dispose();
}
