namespace MlNetSegment;

/// <summary>Which decoder turns PNG and JPEG files into pixels (BMP and GIF always go to ImageSharp).</summary>
/// <remarks>
/// The README's Safety section states the trade-off: <see cref="Native"/> is libpng and libjpeg-turbo inside SkiaSharp
/// (C code, fuzzed upstream by OSS-Fuzz, precompiled so a fresh process decodes at once); <see cref="Managed"/> is
/// ImageSharp (memory-safe C#, but its decoders are compiled by the JIT in every new process, which costs a fresh
/// process 0.2–0.8 s before the first pixel). Both give the same pixels for PNG; JPEG decoders may differ by a level.
/// </remarks>
public enum PixelDecoder
{
    /// <summary>libpng and libjpeg-turbo through SkiaSharp's codecs (the default).</summary>
    Native,

    /// <summary>ImageSharp's managed decoders.</summary>
    Managed,
}
