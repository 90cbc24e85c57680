using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Rendering;

/// <summary>How cluster borders are drawn.</summary>
internal sealed record BoundaryOptions
{
    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>Line width in pixels.</summary>
        public const int Width = 1;
    }

    /// <summary>Line colour; default pure yellow, visible on most photos.</summary>
    public Rgba32 Color { get; init; } = new(255, 255, 0, 255);

    /// <summary>Line width in pixels, 1 to 16.</summary>
    public int Width { get; init; } = Defaults.Width;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (Width is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "must be from 1 to 16");
        }
    }
}
