using System.Text.RegularExpressions;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests;

/// <summary>
/// The library's layers (issue 13): each folder of <c>src/MlNetSegment</c> is a layer and its own namespace, and code
/// names only types of its own layer or of layers below it. The public namespace <c>MlNetSegment</c> is the surface
/// over the layers: each of its types lives in the folder of the layer it belongs to (options and core types in
/// <c>Core/</c>, the model in <c>Models/</c>, the estimator in <c>MlNet/</c>, the facade at the root), and is checked
/// there like any other.
/// </summary>
public partial class LayerOrderTests
{
    /// <summary>Bottom to top. "" is the library's root folder (the file-path facade).</summary>
    public static readonly string[] Layers =
    [
        "Core",         // public options, limits, exceptions, LabelMap, PaletteColor: what every layer speaks
        "IO",           // files: atomic writes, names, lists, shards, locks
        "Color",        // colour spaces and features
        "Imaging",      // decoding behind the guards
        "Sampling",     // sampling and the ML.NET data view
        "Clustering",   // the ML.NET K-means fit and nearest-centroid labelling
        "Rendering",    // images from label maps (segmented, masks, boundaries, dither)
        "Models",       // PaletteModel, fixed palettes, the model file
        "Training",     // one palette from many images, map/reduce samples
        "Segmentation", // one image: segment, K = auto (elbow)
        "Regions",      // the regions pipeline
        "MlNet",        // the ML.NET estimator and saveable transforms
        "Evaluation",   // BSDS metrics
        "Reporting",    // JSON reports and manifests
        "Charts",       // palette strips, contact sheets, elbow charts
        "Output",       // writing every output of a run
        "Batch",        // batches: apply, segment many
        "",
    ];

    private static readonly string Source = Path.Combine(TestImages.RepoRoot, "src", "MlNetSegment");

    [Fact]
    public void Every_folder_of_the_library_is_a_known_layer()
    {
        string[] folders = [.. Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>()];
        Assert.Empty(folders.Except(Layers));
        Assert.Empty(Layers.Where(l => l.Length > 0).Except(folders));
    }

    [Fact]
    public void Code_names_only_types_of_its_own_layer_or_below()
    {
        Dictionary<string, string> layerOfType = TypesByLayer();
        var violations = new List<string>();
        foreach (var (path, layer) in SourceFiles())
        {
            string code = CodeOnly(File.ReadAllText(path));
            foreach (string name in Identifiers().Matches(code).Select(m => m.Value).Distinct())
            {
                if (layerOfType.TryGetValue(name, out string? target) && Array.IndexOf(Layers, target) > Array.IndexOf(Layers, layer))
                {
                    violations.Add($"{Path.GetRelativePath(Source, path)} ({Describe(layer)}) names {name} ({Describe(target)})");
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Each_layer_is_its_own_namespace_and_only_public_types_are_in_MlNetSegment()
    {
        var wrong = new List<string>();
        foreach (var (path, layer) in SourceFiles())
        {
            string text = File.ReadAllText(path);
            string ns = Namespace().Match(text).Groups[1].Value;
            bool surface = layer is "Core" or "" || PublicType().IsMatch(text);
            string expected = surface ? "MlNetSegment" : "MlNetSegment." + layer;
            if (ns != expected)
            {
                wrong.Add($"{Path.GetRelativePath(Source, path)}: {ns}, expected {expected}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_check_sees_a_reference_upward()
    {
        // The scanner itself: a Clustering file naming PaletteModel (Models, above it) must be caught.
        Dictionary<string, string> layerOfType = TypesByLayer();
        string code = CodeOnly("internal static class X { // PaletteModel in a comment is fine\n static PaletteModel? m; string s = \"ImageSegmenter\"; }");

        string[] named = [.. Identifiers().Matches(code).Select(m => m.Value).Where(layerOfType.ContainsKey)];

        Assert.Equal(["PaletteModel"], named);
        Assert.True(Array.IndexOf(Layers, layerOfType["PaletteModel"]) > Array.IndexOf(Layers, "Clustering"));
    }

    private static IEnumerable<(string Path, string Layer)> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (p, LayerOf(p)));

    private static string LayerOf(string path)
    {
        string relative = Path.GetRelativePath(Source, path);
        int slash = relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return slash < 0 ? string.Empty : relative[..slash];
    }

    // Each type name declared in exactly one layer; names declared in several (nested Defaults classes) are always
    // written qualified by their outer type, which is checked instead.
    private static Dictionary<string, string> TypesByLayer()
    {
        var layers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (path, layer) in SourceFiles())
        {
            foreach (Match declaration in Declaration().Matches(CodeOnly(File.ReadAllText(path))))
            {
                string name = declaration.Groups[1].Value;
                if (!layers.TryGetValue(name, out HashSet<string>? set))
                {
                    layers[name] = set = [];
                }

                set.Add(layer);
            }
        }

        return layers.Where(kv => kv.Value.Count == 1).ToDictionary(kv => kv.Key, kv => kv.Value.Single(), StringComparer.Ordinal);
    }

    private static string CodeOnly(string text) => StringLiteral().Replace(Comment().Replace(text, string.Empty), "\"\"");

    private static string Describe(string layer) => layer.Length == 0 ? "root" : layer;

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"""(?:\\.|[^""\\])*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"\b(?:class|record struct|record|struct|enum|interface)\s+(\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^public ", RegexOptions.Multiline)]
    private static partial Regex PublicType();
}
