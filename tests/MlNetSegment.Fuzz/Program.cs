using System.Globalization;
using MlNetSegment.Fuzz;

// mlnetsegment-fuzz [--target image|model|label|sample|both|all] [--seconds N] [--inputs N] [--seed N] [--findings DIR] [--timeout-ms N] [--from N] [--trace]
// Image seeds: the corpus's "ok" files and the small sample photos, found from the repository root. Model seeds:
// models/samples-k12.zip and small models fitted at startup. With both targets, --seconds is split between them and
// --inputs applies to each.
const string Usage = "usage: mlnetsegment-fuzz [--target image|model|label|sample|both|all] [--seconds N] [--inputs N] [--seed N] [--findings DIR] [--timeout-ms N] [--from N] [--trace]";
int seconds = 0, inputs = 0, seed = 1, timeoutMs = 10_000, from = 0;
var trace = false;
string findings = "fuzz-findings", target = "both";
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
    switch (args[i])
    {
        case "--target": target = Next(); break;
        case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--inputs": inputs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--findings": findings = Next(); break;
        case "--timeout-ms": timeoutMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--from": from = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--trace": trace = true; break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; {Usage}");
            return 2;
    }
}

FuzzTarget[] targets = target switch
{
    "image" => [FuzzTarget.Image],
    "model" => [FuzzTarget.Model],
    "both" => [FuzzTarget.Image, FuzzTarget.Model],
    "label" => [FuzzTarget.Label],
    "sample" => [FuzzTarget.Sample],
    "all" => [FuzzTarget.Image, FuzzTarget.Model, FuzzTarget.Label, FuzzTarget.Sample],
    _ => [],
};
if (targets.Length == 0)
{
    Console.Error.WriteLine($"unknown target {target}; {Usage}");
    return 2;
}

if (seconds == 0 && inputs == 0)
{
    seconds = 60;
}

var reports = new List<FuzzReport>();
foreach (FuzzTarget each in targets)
{
    var options = new FuzzOptions
    {
        Target = each,
        MaxInputs = inputs,
        Duration = seconds > 0 ? TimeSpan.FromSeconds((double)seconds / targets.Length) : null,
        Seed = seed,
        FirstInput = from,
        Trace = trace,
        InputTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        FindingsFolder = findings,
        SeedFiles = each is FuzzTarget.Image or FuzzTarget.Label ? SeedFiles.Find() : [],
    };
    Console.Error.WriteLine($"fuzz: target {each.ToString().ToLowerInvariant()}, seed {seed}, findings in {Path.GetFullPath(findings)}");
    FuzzReport report = Fuzzer.Run(options, line => Console.Error.WriteLine("  " + line));
    reports.Add(report);
    Console.WriteLine(report);
}

if (reports.Count > 1)
{
    Console.WriteLine(FuzzReport.Combine(reports));
}

return reports.Sum(r => r.Failures) == 0 ? 0 : 1;
