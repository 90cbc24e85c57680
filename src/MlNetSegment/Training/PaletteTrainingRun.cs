
namespace MlNetSegment.Training;

/// <summary>The outcome of training on many images.</summary>
/// <param name="Model">The trained palette.</param>
/// <param name="Skipped">Inputs that could not be used, with a one-line reason each.</param>
/// <param name="Notices">Things the user should know, such as K lowered to the number of distinct colours.</param>
internal sealed record PaletteTrainingRun(PaletteModel Model, IReadOnlyList<(string Path, string Reason)> Skipped, IReadOnlyList<string> Notices);
