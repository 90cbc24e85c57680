namespace MlNetSegment.IO;

/// <summary>
/// A batch's outputs were refused before any work: two inputs would write one file, or an output would overwrite an
/// input.
/// </summary>
internal sealed class OutputConflictException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public OutputConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public OutputConflictException()
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public OutputConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
