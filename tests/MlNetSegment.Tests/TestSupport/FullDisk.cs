using System.Diagnostics;

namespace MlNetSegment.Tests.TestSupport;

/// <summary>A tmpfs of a few kilobytes, mounted on a temporary folder and filled to the last byte.</summary>
/// <remarks>Needs the right to mount (root with CAP_SYS_ADMIN); tests that use it are <see cref="FullDiskFactAttribute"/>s.</remarks>
internal sealed class FullDisk : IDisposable
{
    private readonly TempDirectory _folder = new();

    public FullDisk()
    {
        Path = _folder.File("full");
        Directory.CreateDirectory(Path);
        if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", Path) != 0)
        {
            throw new InvalidOperationException("mount failed");
        }

        try
        {
            using var fill = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.CreateNew);
            var block = new byte[4096];
            while (true)
            {
                fill.Write(block);
                fill.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what the tests need.
        }
    }

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>True when this process may mount a tmpfs here.</summary>
    public static bool CanMount()
    {
        try
        {
            using var disk = new FullDisk();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _ = Run("umount", Path);
        _folder.Dispose();
    }

    private static int Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A fact that needs <see cref="FullDisk"/>: reported as skipped where this process may not mount.</summary>
public sealed class FullDiskFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Mountable = new(FullDisk.CanMount);

    public FullDiskFactAttribute()
    {
        if (!Mountable.Value)
        {
            Skip = "needs to mount a tmpfs (root with CAP_SYS_ADMIN) to make a full disk";
        }
    }
}
