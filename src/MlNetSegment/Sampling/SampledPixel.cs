using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Sampling;

/// <summary>A pixel drawn into a sample: its colour and where it came from.</summary>
/// <param name="Color">The pixel's colour.</param>
/// <param name="X">Column in its image.</param>
/// <param name="Y">Row in its image.</param>
/// <param name="ImageIndex">Index of its image among those sampled.</param>
internal readonly record struct SampledPixel(Rgba32 Color, int X, int Y, int ImageIndex);
