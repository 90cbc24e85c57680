namespace MlNetSegment.Sampling;

/// <summary>A sample file could not be used; the message is one line naming the file and the problem.</summary>
internal sealed class SampleFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SampleFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The sample file.</summary>
    public string Path { get; }
}
