using System.Diagnostics;
using System.Globalization;
using MlNetSegment.Benchmarks.Bsds;

// Scores region segmentation on the BSDS500 subset in ../shared/data/bsds (never copied into the repository: its
// licence is research-only). Usage: [--data DIR] [--grid none|small|full] [--csv PATH]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string? data = Arg("--data") ?? FindData();
if (data is null || !Directory.Exists(Path.Combine(data, "groundtruth")))
{
    Console.WriteLine("skipped: ../shared/data/bsds not found");
    return 0;
}

string grid = Arg("--grid") ?? "small";
if (Arg("--large") is string large)
{
    LargeImageTiming.Run(large);
    return 0;
}

string? csv = Arg("--csv");
var images = BsdsImage.LoadAll(data);
Console.WriteLine($"{images.Count} images from {Path.GetFullPath(data)}; {Environment.ProcessorCount} cores");

var results = new List<SettingResult>();
foreach (Setting setting in Settings.For(grid))
{
    var stopwatch = Stopwatch.StartNew();
    SettingResult result = Runner.Run(setting, images);
    results.Add(result);
    Console.Error.WriteLine($"{setting.Name,-44} {result.All.Format()}  [{stopwatch.Elapsed.TotalSeconds:F0} s]");
    Console.Error.WriteLine($"{"  first half",-44} {result.FirstHalf.Format()}{(result.FirstHalf.MeetsBar ? string.Empty : "  BELOW BAR")}");
    Console.Error.WriteLine($"{"  last half",-44} {result.LastHalf.Format()}{(result.LastHalf.MeetsBar ? string.Empty : "  BELOW BAR")}");
    if (csv is not null)
    {
        Report.AppendCsv(csv, result);
    }
}

Report.Print(results, images);
return 0;

static string? Arg(string name)
{
    string[] args = Environment.GetCommandLineArgs();
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// ../shared/data/bsds relative to the repository root (the folder holding MlNetSegment.sln).
static string? FindData()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MlNetSegment.sln")))
        {
            string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "bsds"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    return null;
}
