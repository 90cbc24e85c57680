using System.Runtime.ExceptionServices;

namespace MlNetSegment.Output;

/// <summary>
/// A write-only view of a stream for a native encoder's write callback (Skia's <c>SKManagedWStream</c>): an exception
/// must never cross that callback, since the native frames between it and the caller cannot unwind and the runtime
/// aborts the process (probe round 8: a full disk while libpng wrote the boundaries image ended a whole batch with
/// SIGABRT and a stack trace). The first failure is kept, later writes are dropped, and <see cref="ThrowIfFailed"/>
/// rethrows it once the encoder has returned.
/// </summary>
internal sealed class NativeCallbackStream(Stream inner) : Stream
{
    private ExceptionDispatchInfo? _failure;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Rethrows the first failure of the inner stream, with its own stack trace, if there was one.</summary>
    public void ThrowIfFailed() => _failure?.Throw();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_failure is not null)
        {
            return;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (_failure is not null)
        {
            return;
        }

        try
        {
            inner.Flush();
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
