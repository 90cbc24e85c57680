using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Seeded mutations of a model's <c>palette.json</c>: values of the wrong type, huge and non-finite numbers, missing
/// and extra fields, deep nesting, very long strings, edge values of the fields the loader checks, palette surgery,
/// and text-level damage (truncation, byte order marks, invalid UTF-8, comments, other encodings).
/// </summary>
internal static class JsonMutator
{
    // Tokens that are not (or not safely) representable as a JsonNode are written as placeholders, then swapped in.
    private const string RawMarker = "@@raw";

    private static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[null]", "[1,2,3]", "{\"a\":1}",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "1e400", "-1e400", "1e39", "-1e39",
        "99999999999999999999", "2147483648", "-2147483649", "4.9e-324", "1e-50", "\"1\"", "\"#ff0000\"",
        "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"2024-13-45\"", "0x10", "01", "-0", "1.",
    ];

    private static readonly string[] NumericEdges =
    [
        "0", "-1", "1", "2", "3", "11", "12", "13", "255", "256", "257", "2147483647", "-2147483648", "2147483648",
        "1e400", "\"NaN\"", "1.5", "-0.0", "1e-45", "3.4028235e38", "3.5e38",
    ];

    /// <summary>One to three mutations of <paramref name="json"/>; returns the new entry bytes.</summary>
    public static byte[] Mutate(byte[] json, Random random, List<string> applied)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);

            // Duplicate keys and invalid UTF-8 only surface when an object is first enumerated.
            Collect(root, []);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // An earlier mutation already broke the text: only text-level damage applies now.
            return MutateText(json, random.Next(10), random, applied);
        }

        root ??= new JsonObject();
        var raw = new List<string>();
        int count = 1 + random.Next(3);
        var textOps = new List<int>();
        for (var i = 0; i < count; i++)
        {
            int op = random.Next(12);
            if (op >= 10)
            {
                textOps.Add(random.Next(10));
                continue;
            }

            applied.Add("json-" + MutateTree(ref root, op, raw, random));
        }

        string text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = random.Next(2) == 0 });
        for (var i = 0; i < raw.Count; i++)
        {
            // Only the first copy: a palette entry cloned 100,000 times may hold a megabyte-long raw token.
            string marker = $"\"{RawMarker}{i}\"";
            int at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = string.Concat(text.AsSpan(0, at), raw[i], text.AsSpan(at + marker.Length));
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        foreach (int op in textOps)
        {
            bytes = MutateText(bytes, op, random, applied);
        }

        return bytes;
    }

    private static string MutateTree(ref JsonNode root, int op, List<string> raw, Random random)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        switch (op)
        {
            case 0:
            {
                if (slots.Count == 0)
                {
                    return "none";
                }

                var slot = slots[random.Next(slots.Count)];
                Set(slot, Raw(raw, OddValues[random.Next(OddValues.Length)]));
                return $"odd-value@{Name(slot)}";
            }

            case 1:
            {
                // Edge values of the fields the loader checks, where they live.
                var fields = slots.Where(s => s.Key is "formatVersion" or "clusterCount" or "index" or "share" or "seed"
                    or "imageCount" or "sampledPixels" or "sampleInertia" or "maxIterations" || (s.Key is null && s.Parent.Parent is JsonObject && s.Parent.GetPropertyName() == "centroid")).ToList();
                if (fields.Count == 0)
                {
                    return "none";
                }

                var slot = fields[random.Next(fields.Count)];
                string value = NumericEdges[random.Next(NumericEdges.Length)];
                Set(slot, Raw(raw, value));
                return $"edge@{Name(slot)}={value}";
            }

            case 2:
            {
                var properties = slots.Where(s => s.Key is not null).ToList();
                if (properties.Count == 0)
                {
                    return "none";
                }

                var slot = properties[random.Next(properties.Count)];
                ((JsonObject)slot.Parent).Remove(slot.Key!);
                return $"remove@{Name(slot)}";
            }

            case 3:
            {
                int depth = new[] { 63, 64, 65, 1_000, 100_000 }[random.Next(5)];
                string nested = random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                var slot = slots.Count > 0 ? slots[random.Next(slots.Count)] : default;
                if (slot.Parent is null)
                {
                    root = Raw(raw, nested);
                    return $"nest-root{depth}";
                }

                Set(slot, Raw(raw, nested));
                return $"nest{depth}@{Name(slot)}";
            }

            case 4:
            {
                if (slots.Count == 0)
                {
                    return "none";
                }

                int length = new[] { 1_000, 100_000, 1_000_000, 1_100_000 }[random.Next(4)];
                var strings = slots.Where(s => s.Key is "hex" or "colorSpace" or "toolVersion" or "tool" or "createdUtc" or "featureScaling").ToList();
                var slot = strings.Count > 0 && random.Next(3) > 0 ? strings[random.Next(strings.Count)] : slots[random.Next(slots.Count)];
                string filler = random.Next(2) == 0 ? new string('x', length) : string.Concat(Enumerable.Repeat("\\u0000", length / 6));
                Set(slot, Raw(raw, "\"" + filler + "\""));
                return $"long-string{length}@{Name(slot)}";
            }

            case 5:
            {
                var objects = new List<JsonObject>();
                if (root is JsonObject top)
                {
                    objects.Add(top);
                }

                objects.AddRange(slots.Select(s => Get(s)).OfType<JsonObject>());
                if (objects.Count == 0)
                {
                    return "none";
                }

                JsonObject target = objects[random.Next(objects.Count)];
                string key = random.Next(3) switch
                {
                    0 => "extra" + random.Next(100),
                    1 => target.Count > 0 ? target.ElementAt(random.Next(target.Count)).Key + "\u0000" : "x",
                    _ => new[] { "formatVersion", "clusterCount", "palette", "colorSpace", "$type", "__proto__" }[random.Next(6)],
                };
                if (target.ContainsKey(key))
                {
                    // A duplicate key, as a hand-edited file may have: written raw, since JsonObject cannot hold it.
                    string value = OddValues[random.Next(OddValues.Length)];
                    target["@@dup"] = Raw(raw, value);
                    raw[^1] = value + $",\"{key}\":" + value;
                    return $"duplicate-key@{key}";
                }

                target[key] = Raw(raw, OddValues[random.Next(OddValues.Length)]);
                return $"extra-field@{key}";
            }

            case 6:
            {
                if ((root as JsonObject)?["palette"] is not JsonArray palette || palette.Count == 0)
                {
                    return "none";
                }

                int a = random.Next(palette.Count), b = random.Next(palette.Count);
                switch (random.Next(5))
                {
                    case 0:
                        palette.RemoveAt(a);
                        return $"palette-remove{a}";
                    case 1:
                        palette.Insert(a, palette[b]?.DeepClone());
                        return $"palette-duplicate{b}";
                    case 2:
                    {
                        JsonNode? x = palette[a]?.DeepClone(), y = palette[b]?.DeepClone();
                        palette[a] = y;
                        palette[b] = x;
                        return $"palette-swap{a},{b}";
                    }

                    case 3:
                    {
                        // At most about 4 MB more: a palette entry may already hold a megabyte-long string.
                        int size = palette[b]?.ToJsonString().Length ?? 4;
                        int wanted = random.Next(4) switch { 0 => 1, 1 => 100, 2 => 10_000, _ => 100_000 };
                        int extra = Math.Min(wanted, Math.Max(1, (4 << 20) / size));
                        for (var i = 0; i < extra; i++)
                        {
                            palette.Add(palette[b]?.DeepClone());
                        }

                        return $"palette-grow{extra}";
                    }

                    default:
                    {
                        if (palette[a] is JsonObject entry && entry["centroid"] is JsonArray centroid)
                        {
                            if (random.Next(2) == 0 && centroid.Count > 0)
                            {
                                centroid.RemoveAt(random.Next(centroid.Count));
                            }
                            else
                            {
                                centroid.Add(0.5);
                            }
                        }

                        return $"centroid-length{a}";
                    }
                }
            }

            case 7:
            {
                string value = new[] { "\"HSV\"", "\" rgb \"", "\"\"", "\"xyz\"", "null", "\"hsv-linear\"", "\"lab\"", "\"rgb\"", "\"hsv\"", "7" }[random.Next(10)];
                if (root is JsonObject top)
                {
                    top["colorSpace"] = Raw(raw, value);
                }

                return $"colour-space={value}";
            }

            case 8:
            {
                var hexes = slots.Where(s => s.Key == "hex").ToList();
                if (hexes.Count == 0)
                {
                    return "none";
                }

                var slot = hexes[random.Next(hexes.Count)];
                string current = Get(slot)?.ToString() ?? "#000000";
                string value = random.Next(8) switch
                {
                    0 => "#000000",
                    1 => current.ToUpperInvariant(),
                    2 => "#fff",
                    3 => "red",
                    4 => "#gggggg",
                    5 => current + "00",
                    6 => current.Length > 1 ? current[..^1] + (current[^1] == '0' ? '1' : '0') : "#",
                    _ => string.Empty,
                };
                Set(slot, JsonValue.Create(value));
                return $"hex@{Name(slot)}={value}";
            }

            default:
            {
                string value = new[] { "null", "[]", "\"x\"", "{}", "1", "[{}]", "true" }[random.Next(7)];
                root = Raw(raw, value);
                return $"document={value}";
            }
        }
    }

    private static byte[] MutateText(byte[] bytes, int op, Random random, List<string> applied)
    {
        var data = new List<byte>(bytes);
        if (data.Count == 0 && op is 7 or 9)
        {
            // Nothing to change or delete in an empty text: insert instead.
            op = 3;
        }

        switch (op)
        {
            case 0:
            {
                int at = random.Next(data.Count + 1);
                applied.Add($"text-truncate@{at}");
                return [.. data.Take(at)];
            }

            case 1:
                applied.Add("text-bom");
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case 2:
                applied.Add("text-double-bom");
                return [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. bytes];
            case 3:
            {
                int at = random.Next(data.Count + 1);
                byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00]];
                data.InsertRange(at, invalid[random.Next(invalid.Length)]);
                applied.Add($"text-bad-utf8@{at}");
                return [.. data];
            }

            case 4:
                applied.Add("text-utf16");
                return Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes));
            case 5:
                applied.Add("text-comment");
                return [.. "// hand-edited\n"u8, .. bytes];
            case 6:
                applied.Add("text-trailing");
                return [.. bytes, .. ",}"u8];
            case 7:
            {
                int at = random.Next(data.Count);
                data[at] = "{}[]\",:0-e.\\"u8[random.Next(12)];
                applied.Add($"text-char@{at}");
                return [.. data];
            }

            case 8:
                applied.Add("text-empty");
                return [];
            default:
            {
                int at = random.Next(data.Count);
                data.RemoveRange(at, Math.Min(1 + random.Next(16), data.Count - at));
                applied.Add($"text-delete@{at}");
                return [.. data];
            }
        }
    }

    private static JsonValue Raw(List<string> raw, string token)
    {
        raw.Add(token);
        return JsonValue.Create(RawMarker + (raw.Count - 1).ToString(CultureInfo.InvariantCulture));
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, string? Key, int Index)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    slots.Add((obj, key, -1));
                    Collect(value, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    Collect(array[i], slots);
                }

                break;
        }
    }

    private static JsonNode? Get((JsonNode Parent, string? Key, int Index) slot) =>
        slot.Key is not null ? slot.Parent[slot.Key] : slot.Parent[slot.Index];

    private static void Set((JsonNode Parent, string? Key, int Index) slot, JsonNode value)
    {
        if (slot.Key is not null)
        {
            slot.Parent[slot.Key] = value;
        }
        else
        {
            slot.Parent[slot.Index] = value;
        }
    }

    private static string Name((JsonNode Parent, string? Key, int Index) slot) =>
        slot.Parent.GetPath() + (slot.Key is not null ? "." + slot.Key : $"[{slot.Index}]");
}
