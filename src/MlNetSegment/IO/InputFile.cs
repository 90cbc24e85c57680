namespace MlNetSegment.IO;

/// <summary>An input image and where its outputs go relative to an output folder.</summary>
/// <param name="Path">The file as the user named it or as it was found.</param>
/// <param name="RelativeStem">
/// Output name without extension, relative to the output folder: the file's stem for a file named on the command
/// line; its path relative to the walked directory (or the glob's base) otherwise.
/// </param>
internal sealed record InputFile(string Path, string RelativeStem);
