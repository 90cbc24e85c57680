namespace MlNetSegment.Fuzz;

/// <summary>What a fuzz run feeds its inputs to.</summary>
public enum FuzzTarget
{
    /// <summary>Mutated image files through decode → segment.</summary>
    Image,

    /// <summary>Mutated model files through the model loader, and a loaded model labelling a small image.</summary>
    Model,

    /// <summary>Mutated label maps through <c>evaluate</c>'s label reader.</summary>
    Label,

    /// <summary>Mutated sample files through the sample reader and the merge of <c>train --from-samples</c>.</summary>
    Sample,
}
