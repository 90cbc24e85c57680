namespace MlNetSegment.Color;

/// <summary>The names users type for each <see cref="ColorSpace"/> (CLI flags, model metadata).</summary>
internal static class ColorSpaceNames
{
    /// <summary>Every accepted name, in the order of <see cref="ColorSpace"/>.</summary>
    public static IReadOnlyList<string> All { get; } = ["hsv", "hsv-linear", "rgb", "lab"];

    /// <summary>The user-facing name of <paramref name="space"/>.</summary>
    public static string ToName(ColorSpace space) => space switch
    {
        ColorSpace.Hsv => "hsv",
        ColorSpace.HsvLinear => "hsv-linear",
        ColorSpace.Rgb => "rgb",
        ColorSpace.Lab => "lab",
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown colour space."),
    };

    /// <summary>Parses a user-facing name.</summary>
    /// <exception cref="ArgumentException">It is not one of <see cref="All"/>.</exception>
    public static ColorSpace Parse(string name) => TryParse(name, out var space)
        ? space
        : throw new ArgumentException($"Unknown colour space '{name}'; expected one of {string.Join(", ", All)}.", nameof(name));

    /// <summary>Parses a user-facing name; false when it is not one of <see cref="All"/>.</summary>
    public static bool TryParse(string? name, out ColorSpace space)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                space = (ColorSpace)i;
                return true;
            }
        }

        space = default;
        return false;
    }
}
