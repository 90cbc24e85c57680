using MlNetSegment.Color;
using MlNetSegment.Regions;
using Spectre.Console;

namespace MlNetSegment.Cli.Commands;

/// <summary>
/// The library checks every option range once (<see cref="PaletteTrainingOptions.Validate"/>,
/// <see cref="RegionOptions.Validate"/>, <see cref="ImageLimits.Validate"/>); this turns its argument errors into the
/// CLI's usage errors, naming the flag the user typed. What stays here is parsing: a colour space name.
/// </summary>
internal static class SettingsChecks
{
    private static readonly Dictionary<string, string> FlagOf = new(StringComparer.Ordinal)
    {
        [nameof(PaletteTrainingOptions.Clusters)] = "-k",
        [nameof(PaletteTrainingOptions.ColorSpace)] = "--color-space",
        [nameof(PaletteTrainingOptions.MaxIterations)] = "--max-iterations",
        [nameof(PaletteTrainingOptions.Tolerance)] = "--tolerance",
        [nameof(PaletteTrainingOptions.SamplePixels)] = "--sample-pixels",
        [nameof(PaletteTrainingOptions.Restarts)] = "--restarts",
        [nameof(RegionOptions.SpatialWeight)] = "--spatial-weight",
        [nameof(RegionOptions.MedianSize)] = "--median",
        [nameof(RegionOptions.MinRegionPixels)] = "--min-region",
        [nameof(RegionOptions.ColorMergeThreshold)] = "--merge-threshold",
        [nameof(RegionOptions.BorderWeight)] = "--border-weight",
        [nameof(ImageLimits.MaxPixels)] = "--max-pixels",
        [nameof(Rendering.BoundaryOptions.Width)] = "--boundary-width",
    };

    /// <summary>The --color-space value names a colour space.</summary>
    public static ValidationResult CheckColorSpace(string colorSpace) =>
        ColorSpaceNames.TryParse(colorSpace, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--color-space must be one of {string.Join(", ", ColorSpaceNames.All)}, got '{colorSpace}'");

    /// <summary>Runs the library's checks and words a failure as a usage error about the flag.</summary>
    public static ValidationResult Check(Action validate)
    {
        try
        {
            validate();
            return ValidationResult.Success();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            string flag = ex.ParamName is { } name && FlagOf.TryGetValue(name, out string? f) ? f : ex.ParamName ?? "an option";
            return ValidationResult.Error($"{flag} {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>The K-means options and image limits, as <see cref="Check"/> words them.</summary>
    public static ValidationResult Training(string colorSpace, PaletteTrainingOptions options, ImageLimits limits)
    {
        ValidationResult space = CheckColorSpace(colorSpace);
        return !space.Successful ? space : Check(() =>
        {
            options.Validate();
            limits.Validate();
        });
    }
}
