namespace MlNetSegment;

/// <summary>The feature space in which pixel colours are clustered.</summary>
public enum ColorSpace
{
    /// <summary>
    /// HSV with hue on a circle: features (S·cos H, S·sin H, V). Reds at 1° and 359° are neighbours, and a
    /// greyish pixel (low S) sits near the axis whatever its hue. The default.
    /// </summary>
    Hsv,

    /// <summary>The textbook features (H/360, S, V), each in [0, 1]. Hue wraps badly: red splits in two.</summary>
    HsvLinear,

    /// <summary>(R, G, B) / 255, each in [0, 1].</summary>
    Rgb,

    /// <summary>CIELAB (D65) divided by 100: Euclidean distance is ΔE*76 / 100.</summary>
    Lab,
}
