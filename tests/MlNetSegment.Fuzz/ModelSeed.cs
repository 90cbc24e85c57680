namespace MlNetSegment.Fuzz;

/// <summary>A valid model file the model target mutates, with its entries read once.</summary>
internal sealed record ModelSeed(string Name, byte[] Bytes, IReadOnlyList<ZipItem> Entries);
