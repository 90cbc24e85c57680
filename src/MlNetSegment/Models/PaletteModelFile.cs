using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSegment.Clustering;
using MlNetSegment.Color;
using MlNetSegment.IO;
using MlNetSegment.Sampling;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Models;

/// <summary>
/// Saves and loads palette models. A model file is the zip that ML.NET's <c>Model.Save</c> writes (so
/// <c>mlContext.Model.Load</c> reads it as is) with one more entry, <see cref="MetadataEntry"/>, holding
/// <see cref="PaletteModelMetadata"/> as JSON.
/// </summary>
/// <remarks>
/// Loading treats the file as untrusted: sizes are checked before anything is inflated, entries are read in memory
/// with size limits (nothing is extracted to disk), and the metadata must agree with the ML.NET model it sits beside.
/// </remarks>
internal static class PaletteModelFile
{
    /// <summary>The metadata entry's name inside the zip.</summary>
    public const string MetadataEntry = "MlNetSegment/palette.json";

    /// <summary>The format version this code writes, and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest model file accepted.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Largest uncompressed entry accepted.</summary>
    public const long MaxEntryBytes = 16L << 20;

    /// <summary>Largest metadata entry accepted.</summary>
    public const long MaxMetadataBytes = 1L << 20;

    // What ML.NET may write into TMPDIR for one model: its entries, kilobytes each, with room to spare.
    private const long MinFreeTempBytes = 1L << 20;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(PaletteModel model, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (UnusableTempFolder() is string problem)
        {
            throw new IOException($"{path}: cannot write the model: {problem}");
        }

        byte[] bytes = ToBytes(model);

        // A library caller names a path; like File.WriteAllBytes plus the folders, not like a shell redirect.
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        AtomicFile.Write(path, stream => stream.Write(bytes), overwrite);
    }

    /// <summary>
    /// Why ML.NET cannot use the temporary folder (<c>TMPDIR</c>), or null when it can. ML.NET unpacks models there
    /// and, left to itself, creates a missing folder and reports an unwritable one by its own <c>ml_dotnet_*</c> file
    /// names; checked first, the error names the model and the folder instead.
    /// </summary>
    /// <remarks>
    /// A full folder too (probe round 9, finding 3): ML.NET then failed part-way with its own file's name, left its
    /// <c>ml_dotnet_*</c> folder behind, and 2 runs in 20 crashed (exit 134) when the garbage collector finalised its
    /// half-written repository, whose clean-up throws again on the full disk. A model's entries take kilobytes.
    /// </remarks>
    internal static string? UnusableTempFolder()
    {
        string folder = Path.GetTempPath();
        if (!Directory.Exists(folder))
        {
            return $"the temporary folder {folder} (TMPDIR) does not exist or is not a folder";
        }

        if (FreeBytes(folder) is long free and < MinFreeTempBytes)
        {
            return $"the temporary folder {folder} (TMPDIR) is full ({free / 1024:N0} KB free; ML.NET needs about 1 MB)";
        }

        try
        {
            using (new FileStream(
                Path.Combine(folder, $".mlnetsegment-probe-{Environment.ProcessId}-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the temporary folder {folder} (TMPDIR) is not writable ({IoErrors.Describe(ex)})";
        }
    }

    // Free bytes on the file system of folder, or null where that cannot be known.
    private static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The complete model file as bytes.</summary>
    public static byte[] ToBytes(PaletteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        new MLContext(0).Model.Save(model.Model, FeatureDataView.CreateSchema(ColorFeatures.Dimensions), buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            // Every entry gets one fixed time (the model's, or the zip format's earliest): ML.NET stamps its entries
            // with the time of saving, which made two saves of one model differ.
            var earliest = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            DateTimeOffset stamp = model.Info.CreatedUtc is { } created && created > earliest ? created : earliest;
            foreach (ZipArchiveEntry existing in zip.Entries)
            {
                existing.LastWriteTime = stamp;
            }

            ZipArchiveEntry entry = zip.CreateEntry(MetadataEntry, CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            using Stream stream = entry.Open();
            JsonSerializer.Serialize(stream, MetadataOf(model), JsonOptions);
        }

        return buffer.ToArray();
    }

    /// <summary>The metadata document describing <paramref name="model"/>.</summary>
    public static PaletteModelMetadata MetadataOf(PaletteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int dims = ColorFeatures.Dimensions;
        return new PaletteModelMetadata
        {
            FormatVersion = FormatVersion,
            ToolVersion = model.Info.ToolVersion,
            CreatedUtc = model.Info.CreatedUtc,
            ColorSpace = ColorSpaceNames.ToName(model.ColorSpace),
            FeatureScaling = DescribeScaling(model.ColorSpace),
            ClusterCount = model.ClusterCount,
            Seed = model.Info.Seed,
            RunSeed = model.Info.RunSeed,
            MaxIterations = model.Info.MaxIterations,
            SampleInertia = model.Info.SampleInertia,
            TrainedOn = new TrainedOn { ImageCount = model.Info.ImageCount, SampledPixels = model.Info.SampledPixels },
            Palette = [.. Enumerable.Range(0, model.ClusterCount).Select(c => new PaletteEntry
            {
                Index = c,
                Hex = ToHex(model.SrgbPalette[c]),
                Share = model.Info.TrainingShares[c],
                Centroid = model.Centroids.AsSpan(c * dims, dims).ToArray(),
            })],
        };
    }

    /// <summary>"#rrggbb".</summary>
    public static string ToHex(Rgb24 color) => string.Create(CultureInfo.InvariantCulture, $"#{color.R:x2}{color.G:x2}{color.B:x2}");

    /// <summary>Loads and checks a model file.</summary>
    /// <exception cref="ModelLoadException">The file is unreadable, not a model, damaged, or from a newer version.</exception>
    public static PaletteModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            // The same file-type guard as images: a FIFO would block the open, a device (/dev/zero behind a link)
            // reports a length of 0 and never ends.
            if (RegularFile.WhyNotRegular(path) is { } why)
            {
                throw new ModelLoadException(path, $"cannot read model ({why})");
            }

            if (Directory.Exists(path))
            {
                throw new ModelLoadException(path, "cannot read model (it is a directory)");
            }

            bytes = ReadAtMost(path, MaxFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, "cannot read model (" + IoErrors.Describe(ex) + ")", ex);
        }

        return Load(bytes, path);
    }

    // Reads the whole file, refusing it as soon as it proves longer than the limit: the length reported before
    // reading is not trusted (a file can grow, and special files report 0).
    private static byte[] ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ModelLoadException(path, $"model file too large (over {limit:N0} bytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Loads and checks a model from its bytes; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="ModelLoadException">The bytes are not a model, damaged, or from a newer version.</exception>
    public static PaletteModel Load(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (UnusableTempFolder() is string problem)
        {
            // Checked before MlNetPartCheck, whose ML.NET round trip is the first to use the folder.
            throw new ModelLoadException(name, $"cannot unpack it: {problem}");
        }

        PaletteModelMetadata metadata;
        using (ZipArchive zip = OpenZip(bytes, name))
        {
            metadata = ReadMetadata(zip, name);

            // Only bytes this build would have written reach ML.NET's readers (see MlNetPartCheck for why).
            MlNetPartCheck.Check(zip, metadata, name, entry => ReadEntry(entry, MaxEntryBytes, name));
        }

        var (transformer, parameters) = ReadMlNetModel(bytes, name);
        return Assemble(metadata, transformer, parameters, name);
    }

    /// <summary>Reads and validates only the metadata entry (what <c>inspect</c> shows).</summary>
    /// <exception cref="ModelLoadException">The bytes are not a model, damaged, or from a newer version.</exception>
    public static PaletteModelMetadata ReadMetadata(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using ZipArchive zip = OpenZip(bytes, name);
        return ReadMetadata(zip, name);
    }

    private static PaletteModelMetadata ReadMetadata(ZipArchive zip, string name)
    {
        IReadOnlyCollection<ZipArchiveEntry> entries = ZipGuard(name, () => zip.Entries);
        long total = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ZipArchiveEntry entry in entries)
        {
            if (entry.Length < 0 || entry.Length > MaxEntryBytes)
            {
                throw new ModelLoadException(name, $"entry '{entry.FullName}' declares an absurd size ({entry.Length:N0} bytes)");
            }

            // ML.NET and this loader could pick different twins of a name, and ML.NET also reads '\' as '/'.
            if (!names.Add(entry.FullName.Replace('\\', '/')))
            {
                throw new ModelLoadException(name, $"not a palette model (duplicate entry '{entry.FullName}')");
            }

            total += entry.Length;
        }

        if (total > MaxFileBytes * 4)
        {
            throw new ModelLoadException(name, $"entries declare {total:N0} bytes in all, beyond any palette model");
        }

        ZipArchiveEntry? meta = zip.GetEntry(MetadataEntry);
        if (meta is null)
        {
            throw new ModelLoadException(name, $"not a palette model (missing entry '{MetadataEntry}')");
        }

        if (meta.Length > MaxMetadataBytes)
        {
            throw new ModelLoadException(name, $"entry '{MetadataEntry}' is too large ({meta.Length:N0} bytes)");
        }

        ReadOnlySpan<byte> json = ReadEntry(meta, MaxMetadataBytes, name);

        // A hand-edited file may start with a UTF-8 byte order mark, which the JSON reader refuses.
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        PaletteModelMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<PaletteModelMetadata>(json, JsonOptions);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // JsonException for most damage, but converters also throw others (FormatException, InvalidOperationException, ...).
            throw new ModelLoadException(name, $"damaged metadata ({DescribeJsonProblem(ex)})", ex);
        }

        if (metadata is null)
        {
            throw new ModelLoadException(name, "damaged metadata (empty document)");
        }

        Validate(metadata, name);
        return metadata;
    }

    // Which field is wrong, in words: the reader's own text names .NET types and byte offsets ("The JSON value could not
    // be converted to System.Int32. Path: $.clusterCount | LineNumber: 0 | BytePositionInLine: 238.", probe round 9,
    // finding 6).
    private static string DescribeJsonProblem(Exception ex) => ex switch
    {
        JsonException when ex.Message.Contains("maximum configured depth", StringComparison.Ordinal) => "nested too deeply",
        JsonException { Path: { Length: > 1 } path } => $"{path.TrimStart('$', '.')}: a value of the wrong kind or out of range",
        JsonException => "not the JSON object of a model's metadata",
        System.Text.DecoderFallbackException => "text that is not valid UTF-8",
        _ => "a value of the wrong kind or out of range",
    };

    private static ZipArchive OpenZip(byte[] bytes, string name)
    {
        if (bytes.Length > MaxFileBytes)
        {
            throw new ModelLoadException(name, $"model file too large ({bytes.Length:N0} bytes; limit {MaxFileBytes:N0})");
        }

        return ZipGuard(name, () => new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read));
    }

    /// <summary>
    /// Runs a zip operation and maps the exceptions damaged zip structures cause (from the archive, its central
    /// directory and its entry streams: bad headers, CRCs, sizes, offsets and methods) to one line.
    /// </summary>
    private static T ZipGuard<T>(string name, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or OverflowException)
        {
            // The zip reader's own text ("Number of entries expected in End Of Central Directory does not correspond to
            // number of entries in Central Directory.") says nothing a user can act on (probe round 9, finding 6).
            throw new ModelLoadException(name, "not a palette model (not a zip archive, or a damaged or truncated one)", ex);
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, string name)
    {
        byte[] content;
        try
        {
            using Stream stream = entry.Open();
            content = ReadBounded(stream, limit, name);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or OverflowException)
        {
            // Unknown methods, deflate data that is invalid, ends early or runs past the file.
            throw new ModelLoadException(name, $"damaged zip entry '{entry.FullName}' ({Messages.FirstLine(ex.Message)})", ex);
        }

        if (System.IO.Hashing.Crc32.HashToUInt32(content) != entry.Crc32)
        {
            throw new ModelLoadException(name, $"damaged zip entry '{entry.FullName}' (CRC-32 mismatch)");
        }

        return content;
    }

    private static byte[] ReadBounded(Stream stream, long limit, string name)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > limit)
            {
                throw new ModelLoadException(name, $"an entry inflates beyond its limit of {limit:N0} bytes");
            }
        }

        return output.ToArray();
    }

    private static void Validate(PaletteModelMetadata m, string name)
    {
        if (m.FormatVersion < 1)
        {
            throw new ModelLoadException(name, $"damaged metadata (formatVersion {m.FormatVersion})");
        }

        if (m.FormatVersion > FormatVersion)
        {
            throw new ModelLoadException(
                name,
                $"model format version {m.FormatVersion} is newer than this tool reads (up to {FormatVersion}); upgrade MlNetSegment");
        }

        if (m.ToolVersion is null || m.ToolVersion.Length > 64 || m.ToolVersion.Any(char.IsControl))
        {
            // inspect prints it: a control character from a file must never reach the terminal (probe F8).
            throw new ModelLoadException(name, "damaged metadata (toolVersion is missing, too long or holds control characters)");
        }

        // Numbers that reports print back: JSON allows 1e400, which parses to infinity and then cannot be written as
        // JSON again (probe F5), so a report or inspect --json would fail far from the file that caused it.
        if (!double.IsFinite(m.SampleInertia) || m.SampleInertia < 0 || m.MaxIterations < 0
            || m.TrainedOn is null || m.TrainedOn.ImageCount < 0 || m.TrainedOn.SampledPixels < 0)
        {
            throw new ModelLoadException(name, "damaged metadata (sampleInertia, maxIterations or trainedOn out of range)");
        }

        if (!ColorSpaceNames.TryParse(m.ColorSpace, out _))
        {
            throw new ModelLoadException(name, $"damaged metadata (unknown colour space '{m.ColorSpace}')");
        }

        if (m.ClusterCount is < 1 or > PaletteTrainingOptions.MaxClusters || m.Palette is null || m.Palette.Count != m.ClusterCount)
        {
            throw new ModelLoadException(name, $"damaged metadata (clusterCount {m.ClusterCount} and {m.Palette?.Count ?? 0} palette entries)");
        }

        for (var c = 0; c < m.Palette.Count; c++)
        {
            PaletteEntry entry = m.Palette[c];
            if (entry is null || entry.Index != c || entry.Centroid is null || entry.Centroid.Count != ColorFeatures.Dimensions
                || entry.Centroid.Any(v => !float.IsFinite(v)) || !double.IsFinite(entry.Share) || entry.Share is < 0 or > 1)
            {
                throw new ModelLoadException(name, $"damaged metadata (palette entry {c})");
            }
        }
    }

    private static (ITransformer Transformer, KMeansModelParameters Parameters) ReadMlNetModel(byte[] bytes, string name)
    {
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = new MLContext(0).Model.Load(new MemoryStream(bytes, writable: false), out schema);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new ModelLoadException(name, $"the ML.NET model in it is missing or damaged ({Messages.FirstLine(ex.Message)})", ex);
        }

        if (transformer is null)
        {
            // ML.NET returns no transformer, rather than throwing, for a zip without its transformer chain.
            throw new ModelLoadException(name, "the ML.NET model in it is missing or damaged (no transformer)");
        }

        // Loaded transformers are typed by ML.NET's loader, not by our generic argument: look at the model inside.
        if (transformer is not ISingleFeaturePredictionTransformer<object> { Model: KMeansModelParameters kmeans })
        {
            throw new ModelLoadException(name, $"the ML.NET model in it is a {transformer.GetType().Name}, not K-means clustering");
        }

        int index = schema.GetColumnOrNull(FeatureDataView.FeaturesColumn)?.Index ?? -1;
        if (index < 0 || schema[index].Type is not VectorDataViewType { Size: ColorFeatures.Dimensions })
        {
            throw new ModelLoadException(name, "the ML.NET model's input schema is not three colour features");
        }

        return (transformer, kmeans);
    }

    private static PaletteModel Assemble(PaletteModelMetadata m, ITransformer transformer, KMeansModelParameters parameters, string name)
    {
        int dims = ColorFeatures.Dimensions;
        float[] centroids;
        try
        {
            centroids = KMeansFitter.ExtractCentroids(parameters, dims);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ModelLoadException(name, "the ML.NET model's centroids are unreadable", ex);
        }

        if (centroids.Length != m.ClusterCount * dims)
        {
            throw new ModelLoadException(
                name, $"metadata disagrees with the ML.NET model ({m.ClusterCount} clusters vs {centroids.Length / dims})");
        }

        for (var i = 0; i < centroids.Length; i++)
        {
            if (centroids[i] != m.Palette[i / dims].Centroid[i % dims])
            {
                throw new ModelLoadException(name, $"metadata disagrees with the ML.NET model (centroid {i / dims})");
            }
        }

        ColorSpace space = ColorSpaceNames.Parse(m.ColorSpace);
        var info = new PaletteModelInfo
        {
            TrainingShares = [.. m.Palette.Select(p => p.Share)],
            SampledPixels = m.TrainedOn?.SampledPixels ?? 0,
            ImageCount = m.TrainedOn?.ImageCount ?? 0,
            Seed = m.Seed,
            RunSeed = m.RunSeed,
            SampleInertia = m.SampleInertia,
            MaxIterations = m.MaxIterations,
            ToolVersion = m.ToolVersion,
            CreatedUtc = m.CreatedUtc,
        };
        var model = new PaletteModel(transformer, space, centroids, info);
        for (var c = 0; c < model.ClusterCount; c++)
        {
            if (!string.Equals(ToHex(model.SrgbPalette[c]), m.Palette[c].Hex, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException(name, $"metadata disagrees with the ML.NET model (palette colour {c})");
            }
        }

        return model;
    }

    private static string DescribeScaling(ColorSpace space) => space switch
    {
        ColorSpace.Hsv => "(S*cos(H), S*sin(H), V); H in radians, S and V in [0,1]",
        ColorSpace.HsvLinear => "(H/360, S, V); each in [0,1]",
        ColorSpace.Rgb => "(R, G, B)/255",
        ColorSpace.Lab => "(L*, a*, b*)/100, CIELAB D65",
        _ => string.Empty,
    };
}
