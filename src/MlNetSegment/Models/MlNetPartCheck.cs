using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.ML;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.Sampling;

namespace MlNetSegment.Models;

/// <summary>
/// Checks the ML.NET entries of a model file before ML.NET reads any of them. ML.NET's binary readers trust the
/// counts they read: a count past the end of an entry makes <c>Utils.ReadBinaryDataIntoSpan</c> spin forever on a
/// zero-byte read, and a large one allocates up to gigabytes before reading anything (ML.NET 5.0.1). So the ML.NET
/// part of a palette model must be exactly what this build writes for the metadata's K, with only the centroid
/// values free, and those must equal the metadata's centroids.
/// </summary>
/// <remarks>
/// The expected entries come from a template: a model with the same K fitted on synthetic points and saved the way
/// <see cref="PaletteModelFile.ToBytes"/> saves, made once per K. Everything but the centroid values in ML.NET's
/// K-means entry (schemas, transformer chain, headers, counts) depends on K alone. ML.NET's version note is not read
/// back by ML.NET, so it is free.
/// </remarks>
internal static class MlNetPartCheck
{
    /// <summary>The entry holding ML.NET's K-means parameters.</summary>
    public const string KMeansEntry = "TransformerChain/Model/Model.key";

    /// <summary>ML.NET's note of the version that wrote the file, which nothing reads back.</summary>
    public const string VersionEntry = "TrainingInfo/Version.txt";

    private static readonly ConcurrentDictionary<int, Lazy<Template>> Templates = new();

    /// <summary>Throws <see cref="ModelLoadException"/> unless the ML.NET entries are what this build writes for <paramref name="metadata"/>.</summary>
    public static void Check(ZipArchive zip, PaletteModelMetadata metadata, string name, Func<ZipArchiveEntry, byte[]> read)
    {
        Template template = TemplateFor(metadata.ClusterCount);
        foreach (var (entryName, expected) in template.Entries)
        {
            ZipArchiveEntry entry = zip.GetEntry(entryName)
                ?? throw new ModelLoadException(name, $"the ML.NET model in it is missing or damaged (missing entry '{entryName}')");
            if (entry.Length != expected.Length && entryName == KMeansEntry)
            {
                throw new ModelLoadException(
                    name,
                    $"metadata disagrees with the ML.NET model, or it is damaged (entry '{entryName}' declares {entry.Length:N0} bytes; {metadata.ClusterCount} clusters make {expected.Length:N0})");
            }

            if (entry.Length != expected.Length)
            {
                throw new ModelLoadException(
                    name, $"the ML.NET model in it is damaged (entry '{entryName}' holds {entry.Length:N0} bytes, expected {expected.Length:N0} for K={metadata.ClusterCount})");
            }

            // The declared length can lie: an entry may inflate to fewer bytes than its header says.
            byte[] actual = read(entry);
            if (actual.Length != expected.Length)
            {
                throw new ModelLoadException(
                    name, $"the ML.NET model in it is damaged (entry '{entryName}' inflates to {actual.Length:N0} bytes, not the {entry.Length:N0} it declares)");
            }

            if (entryName != KMeansEntry)
            {
                if (!actual.AsSpan().SequenceEqual(expected))
                {
                    throw new ModelLoadException(name, $"the ML.NET model in it is damaged (entry '{entryName}' is not what MlNetSegment writes)");
                }

                continue;
            }

            CheckKMeans(actual, expected, template.Payload, metadata, name);
        }
    }

    /// <summary>The length of the K-means entry this build writes for <paramref name="k"/> clusters.</summary>
    internal static int KMeansEntryLength(int k) => TemplateFor(k).Entries[KMeansEntry].Length;

    private static Template TemplateFor(int k) => Templates.GetOrAdd(k, n => new Lazy<Template>(() => Make(n))).Value;

    private static void CheckKMeans(byte[] actual, byte[] expected, int payload, PaletteModelMetadata metadata, string name)
    {
        int dims = ColorFeatures.Dimensions;
        int k = metadata.ClusterCount;
        var free = new bool[expected.Length];
        for (var c = 0; c < k; c++)
        {
            // Per cluster: int count (= dims, dense), then dims floats.
            int values = payload + 8 + (c * (4 + (4 * dims))) + 4;
            free.AsSpan(values, 4 * dims).Fill(true);
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!free[i] && actual[i] != expected[i])
            {
                throw new ModelLoadException(name, $"the ML.NET model in it is damaged (entry '{KMeansEntry}' differs at byte {i:N0} from what MlNetSegment writes)");
            }
        }

        for (var c = 0; c < k; c++)
        {
            int values = payload + 8 + (c * (4 + (4 * dims))) + 4;
            for (var d = 0; d < dims; d++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(actual.AsSpan(values + (4 * d)));
                if (value != metadata.Palette[c].Centroid[d])
                {
                    throw new ModelLoadException(name, $"metadata disagrees with the ML.NET model (centroid {c})");
                }
            }
        }
    }

    private static Template Make(int k)
    {
        int dims = ColorFeatures.Dimensions;

        // Four nearby points around each of k well-separated spots: any fit gives k dense centroids.
        var features = new float[k * 4 * dims];
        for (var i = 0; i < k * 4; i++)
        {
            features[i * dims] = i / 4;
            features[(i * dims) + 1] = (i % 4) * 0.01f;
        }

        KMeansFit fit = KMeansFitter.Fit(features, dims, k, seed: 0, maxIterations: 5, tolerance: 1e-7f, restarts: 1);
        using var buffer = new MemoryStream();
        new MLContext(0).Model.Save(fit.Model, FeatureDataView.CreateSchema(dims), buffer);
        buffer.Position = 0;
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read))
        {
            foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName != VersionEntry))
            {
                using Stream stream = entry.Open();
                using var content = new MemoryStream();
                stream.CopyTo(content);
                entries[entry.FullName] = content.ToArray();
            }
        }

        // K-means data starts with k, the dimension count, and the first centroid's count (dense: = dims).
        byte[] kmeans = entries[KMeansEntry];
        Span<byte> start = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(start, k);
        BinaryPrimitives.WriteInt32LittleEndian(start[4..], dims);
        BinaryPrimitives.WriteInt32LittleEndian(start[8..], dims);
        int payload = -1;
        for (int from = 0, at; payload < 0 && (at = kmeans.AsSpan(from).IndexOf(start)) >= 0; from += at + 1)
        {
            if (IsPayload(kmeans, from + at, k, dims))
            {
                payload = from + at;
            }
        }

        if (payload < 0)
        {
            throw new InvalidOperationException("ML.NET's K-means entry no longer has the layout this check knows; update MlNetPartCheck.");
        }

        return new Template(entries, payload);
    }

    // Every cluster's count says dense (= dims) and the last value ends inside the entry.
    private static bool IsPayload(byte[] kmeans, int at, int k, int dims)
    {
        if (at + 8 + (k * (4 + (4 * dims))) > kmeans.Length)
        {
            return false;
        }

        for (var c = 0; c < k; c++)
        {
            if (BinaryPrimitives.ReadInt32LittleEndian(kmeans.AsSpan(at + 8 + (c * (4 + (4 * dims))))) != dims)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Template(Dictionary<string, byte[]> Entries, int Payload);
}
