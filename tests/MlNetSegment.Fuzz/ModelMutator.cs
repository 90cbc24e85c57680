using MlNetSegment.Models;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Seeded mutations of model files. Structural ones rebuild the zip with honest headers so the damage reaches what
/// is behind them: a mutated <c>palette.json</c>, mutated ML.NET entry bytes, deleted, duplicated, renamed, swapped
/// or extra entries, a zip-bomb entry. Zip-aware byte ones then lie in the headers: flipped header bytes, changed
/// declared sizes, CRCs, methods, counts and offsets, truncation at entry boundaries. The generic byte mutators of
/// <see cref="Mutator"/> run too.
/// </summary>
internal static class ModelMutator
{
    private const long BombSize = 32L << 20;

    private static readonly uint[] FieldValues =
    [
        0, 1, 2, 0x7F, 0xFF, 0x100, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF,
        (uint)PaletteModelFile.MaxEntryBytes, (uint)PaletteModelFile.MaxEntryBytes + 1, (uint)PaletteModelFile.MaxMetadataBytes + 1,
    ];

    private static readonly string[] OddNames =
    [
        "extra.txt", "../escape.txt", "/absolute.txt", "C:\\windows.txt", "MlNetSegment/", "MlNetSegment/palette.json/",
        "mlnetsegment/PALETTE.JSON", "MlNetSegment\\palette.json", "TransformerChain/", "dir/../../up.bin", "nul",
        "\u00e9t\u00e9.bin", "a\u0000b", new string('n', 300), "Schema/Extra.key",
    ];

    // A 32 MiB run of zeros deflates to about 32 KiB: made once, it is the bomb entry of every input that gets one.
    private static readonly Lazy<ZipItem> Bomb = new(() => ZipItem.Of("bomb.bin", new byte[BombSize]));

    /// <summary>A mutated copy of <paramref name="seed"/>, naming its mutations in <paramref name="applied"/>.</summary>
    public static byte[] Mutate(ModelSeed seed, IReadOnlyList<ModelSeed> seeds, Random random, List<string> applied)
    {
        byte[] bytes = seed.Bytes;
        bool rebuilt = random.Next(10) < 7;
        if (rebuilt)
        {
            var items = seed.Entries.ToList();
            int count = 1 + (random.Next(4) == 0 ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                applied.Add(MutateEntries(items, seeds, random));
            }

            bytes = ZipWriter.Write(items);
        }

        // Rebuilt inputs often go in unchanged after that: their damage is meant for the parsers behind the zip.
        int byteOps = rebuilt ? random.Next(3) : 1 + random.Next(3);
        if (byteOps == 0)
        {
            return bytes;
        }

        var data = new List<byte>(bytes);
        for (var i = 0; i < byteOps; i++)
        {
            applied.Add(MutateBytes(data, seeds, random));
        }

        return [.. data];
    }

    private static string MutateEntries(List<ZipItem> items, IReadOnlyList<ModelSeed> seeds, Random random)
    {
        int meta = items.FindIndex(e => e.Name == PaletteModelFile.MetadataEntry);
        int pick = items.Count == 0 ? -1 : random.Next(items.Count);
        switch (random.Next(16))
        {
            case < 6 when meta >= 0:
            {
                var json = new List<string>();
                byte[] content = JsonMutator.Mutate(items[meta].Content(), random, json);
                items[meta] = ZipItem.Of(items[meta].Name, content, random.Next(4) > 0);
                return string.Join(' ', json);
            }

            case < 9 when pick >= 0:
            {
                // An ML.NET entry's bytes, damaged then recompressed: the damage reaches ML.NET's binary readers.
                int target = items.FindIndex(e => e.Name.EndsWith("Model.key", StringComparison.Ordinal) && e.Name.Contains("Model/", StringComparison.Ordinal));
                if (target < 0 || random.Next(3) == 0)
                {
                    target = pick;
                }

                var content = new List<byte>(items[target].Content());
                byte[][] others = [.. items.Select(e => e.Content())];
                int n = 1 + random.Next(3);
                var names = new List<string>();
                for (var i = 0; i < n; i++)
                {
                    names.Add(Mutator.MutateOnce(content, others, random));
                }

                items[target] = ZipItem.Of(items[target].Name, [.. content]);
                return $"entry[{items[target].Name}]:{string.Join(',', names)}";
            }

            case 9 when pick >= 0:
                items.RemoveAt(pick);
                return $"delete-entry{pick}";
            case 10 when pick >= 0:
                items.Insert(random.Next(items.Count + 1), items[pick]);
                return $"duplicate-entry{pick}";
            case 11:
            {
                string name = OddNames[random.Next(OddNames.Length)];
                ZipItem extra = random.Next(4) == 0 ? Bomb.Value with { Name = name } : ZipItem.Of(name, new byte[random.Next(64)]);
                items.Insert(random.Next(items.Count + 1), extra);
                return $"extra-entry[{name}]{(extra.Size == BombSize ? "-bomb" : string.Empty)}";
            }

            case 12 when pick >= 0:
            {
                // A bomb that lies: declares the real entry's size but inflates to 32 MiB.
                items[pick] = Bomb.Value with { Name = items[pick].Name, Size = random.Next(2) == 0 ? items[pick].Size : BombSize };
                return $"bomb-entry{pick}";
            }

            case 13 when pick >= 0:
            {
                string name = items[pick].Name;
                string renamed = random.Next(3) switch
                {
                    0 => name.ToUpperInvariant(),
                    1 => name.Replace('/', '\\'),
                    _ => name + "x",
                };
                items[pick] = items[pick] with { Name = renamed };
                return $"rename-entry{pick}";
            }

            case 14 when pick >= 0:
            {
                // The same entry from another seed: metadata and ML.NET model from different fits.
                ModelSeed other = seeds[random.Next(seeds.Count)];
                ZipItem? twin = other.Entries.FirstOrDefault(e => e.Name == items[pick].Name);
                if (twin is not null)
                {
                    items[pick] = twin;
                }

                return $"swap-entry{pick}-from-{other.Name}";
            }

            case 15 when pick >= 0:
                items[pick] = ZipItem.Of(items[pick].Name, items[pick].Content(), deflate: false);
                return $"store-entry{pick}";
            default:
                items.Reverse();
                return "reverse-entries";
        }
    }

    private static string MutateBytes(List<byte> data, IReadOnlyList<ModelSeed> seeds, Random random)
    {
        ZipLayout layout = ZipLayout.Parse([.. data]);
        int op = random.Next(10);
        if (op < 4 && layout.Fields.Count > 0)
        {
            (int offset, int size, string name) = layout.Fields[random.Next(layout.Fields.Count)];
            uint current = Read(data, offset, size);
            uint value = random.Next(4) switch
            {
                0 => FieldValues[random.Next(FieldValues.Length)],
                1 => current + (uint)random.Next(-4, 5),
                2 => current * 2,
                _ => (uint)random.Next(),
            };
            for (var i = 0; i < size && offset + i < data.Count; i++)
            {
                data[offset + i] = (byte)(value >> (8 * i));
            }

            return $"{name}={value}";
        }

        if (op < 6 && layout.Headers.Count > 0)
        {
            (int start, int length) = layout.Headers[random.Next(layout.Headers.Count)];
            int at = start + random.Next(Math.Max(1, length));
            if (at < data.Count)
            {
                data[at] ^= (byte)(1 << random.Next(8));
            }

            return $"header-flip@{at}";
        }

        if (op < 7 && layout.Boundaries.Count > 0)
        {
            int at = Math.Clamp(layout.Boundaries[random.Next(layout.Boundaries.Count)] + random.Next(-2, 3), 0, data.Count);
            data.RemoveRange(at, data.Count - at);
            return $"truncate-boundary@{at}";
        }

        byte[][] others = [.. seeds.Select(s => s.Bytes)];
        return Mutator.MutateOnce(data, others, random);
    }

    private static uint Read(List<byte> data, int offset, int size)
    {
        uint value = 0;
        for (var i = 0; i < size && offset + i < data.Count; i++)
        {
            value |= (uint)data[offset + i] << (8 * i);
        }

        return value;
    }
}
