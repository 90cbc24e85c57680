using MlNetSegment.Rendering;

namespace MlNetSegment.Output;

/// <summary>
/// Which files a batch writes per image into its output folder: always <c>&lt;stem&gt;.segmented.png</c>, and the
/// others asked for (<c>.labels.png</c>, <c>.masks/</c>, <c>.boundaries.png</c>, <c>.report.json</c>,
/// <c>.palette.png</c>, <c>.sheet.png</c>).
/// </summary>
internal sealed record BatchOutputs
{
    /// <summary>Write <c>&lt;stem&gt;.labels.png</c>.</summary>
    public bool Labels { get; init; }

    /// <summary>Write <c>&lt;stem&gt;.masks/cluster-&lt;i&gt;.png</c>.</summary>
    public bool Masks { get; init; }

    /// <summary>Write <c>&lt;stem&gt;.boundaries.png</c>.</summary>
    public bool Boundaries { get; init; }

    /// <summary>Write <c>&lt;stem&gt;.report.json</c>.</summary>
    public bool Report { get; init; }

    /// <summary>Write <c>&lt;stem&gt;.palette.png</c>.</summary>
    public bool Palette { get; init; }

    /// <summary>Write <c>&lt;stem&gt;.sheet.png</c>.</summary>
    public bool Sheet { get; init; }

    /// <summary>How borders are drawn (boundaries and sheet).</summary>
    public BoundaryOptions BoundaryStyle { get; init; } = new();

    /// <summary>Floyd–Steinberg dither each segmented image (see <see cref="OutputPlan.Dither"/>).</summary>
    public bool Dither { get; init; }

    /// <summary>The files of the input whose outputs go to <paramref name="stem"/> (the output folder joined with its stem).</summary>
    public OutputPlan PlanFor(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        return new OutputPlan
        {
            SegmentedPath = stem + ".segmented.png",
            LabelsPath = Labels ? stem + ".labels.png" : null,
            MasksFolder = Masks ? stem + ".masks" : null,
            BoundariesPath = Boundaries ? stem + ".boundaries.png" : null,
            ReportPath = Report ? stem + ".report.json" : null,
            PalettePath = Palette ? stem + ".palette.png" : null,
            SheetPath = Sheet ? stem + ".sheet.png" : null,
            Boundaries = BoundaryStyle,
            Dither = Dither,
        };
    }
}
