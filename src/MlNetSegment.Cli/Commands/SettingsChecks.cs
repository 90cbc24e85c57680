using MlNetSegment.Color;
using Spectre.Console;

namespace MlNetSegment.Cli.Commands;

/// <summary>Validation shared by the verbs that fit a palette, so every verb words its errors alike.</summary>
internal static class SettingsChecks
{
    /// <summary>The --color-space value names a colour space.</summary>
    public static ValidationResult CheckColorSpace(string colorSpace) =>
        ColorSpaceNames.TryParse(colorSpace, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--color-space must be one of {string.Join(", ", ColorSpaceNames.All)}, got '{colorSpace}'");

    public static ValidationResult Training(int clusters, string colorSpace, int maxIterations, int samplePixels, int restarts, float tolerance, long maxPixels)
    {
        if (clusters is < PaletteTrainingOptions.MinClusters or > PaletteTrainingOptions.MaxClusters)
        {
            return ValidationResult.Error($"-k must be from {PaletteTrainingOptions.MinClusters} to {PaletteTrainingOptions.MaxClusters}, got {clusters}");
        }

        ValidationResult space = CheckColorSpace(colorSpace);
        if (!space.Successful)
        {
            return space;
        }

        if (maxIterations < 1)
        {
            return ValidationResult.Error("--max-iterations must be at least 1");
        }

        if (samplePixels is < 1_000 or > MlNetSegment.PaletteTrainingOptions.MaxSamplePixels)
        {
            return ValidationResult.Error($"--sample-pixels must be from 1000 to {MlNetSegment.PaletteTrainingOptions.MaxSamplePixels}");
        }

        if (restarts is < 1 or > 64)
        {
            return ValidationResult.Error("--restarts must be from 1 to 64");
        }

        if (!float.IsFinite(tolerance) || tolerance <= 0)
        {
            return ValidationResult.Error("--tolerance must be a number greater than 0");
        }

        return maxPixels < 1 ? ValidationResult.Error("--max-pixels must be at least 1") : ValidationResult.Success();
    }
}
