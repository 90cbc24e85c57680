using MlNetSegment.IO;

namespace MlNetSegment.Cli;

/// <summary>
/// Files a batch reads besides its images (the model, the --inputs-from list): no output, the manifest included, may
/// land on one of them, by path or through a link (probe: `apply --manifest MODEL` replaced the model with JSON Lines).
/// </summary>
internal static class ProtectedFiles
{
    /// <summary>Refuses (exit 2) the first of <paramref name="outputs"/> that is one of <paramref name="read"/>.</summary>
    public static void Check(IEnumerable<string?> outputs, params (string? Path, string What)[] read)
    {
        var guarded = new List<(string Full, (ulong, ulong)? Identity, string What)>();
        foreach (var (path, what) in read)
        {
            if (path is not null && path != "-")
            {
                guarded.Add((Path.GetFullPath(path), FileIdentity.Of(path), what));
            }
        }

        if (guarded.Count == 0)
        {
            return;
        }

        foreach (string? output in outputs)
        {
            if (output is null)
            {
                continue;
            }

            string full = Path.GetFullPath(output);
            foreach (var (guardedPath, identity, what) in guarded)
            {
                if (full == guardedPath || (identity is { } id && FileIdentity.Of(full) == id))
                {
                    throw new UsageException($"{output}: the output would overwrite {what}");
                }
            }
        }
    }
}
