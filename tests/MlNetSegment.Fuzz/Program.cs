using System.Globalization;
using MlNetSegment.Fuzz;

// mlnetsegment-fuzz [--seconds N] [--inputs N] [--seed N] [--findings DIR] [--timeout-ms N]
// Seeds: the corpus's "ok" files and the small sample photos, found from the repository root.
int seconds = 0, inputs = 0, seed = 1, timeoutMs = 10_000;
string findings = "fuzz-findings";
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
    switch (args[i])
    {
        case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--inputs": inputs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--findings": findings = Next(); break;
        case "--timeout-ms": timeoutMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: mlnetsegment-fuzz [--seconds N] [--inputs N] [--seed N] [--findings DIR] [--timeout-ms N]");
            return 2;
    }
}

if (seconds == 0 && inputs == 0)
{
    seconds = 60;
}

var options = new FuzzOptions
{
    MaxInputs = inputs,
    Duration = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
    Seed = seed,
    InputTimeout = TimeSpan.FromMilliseconds(timeoutMs),
    FindingsFolder = findings,
    SeedFiles = SeedFiles.Find(),
};
Console.Error.WriteLine($"fuzz: {options.SeedFiles.Count} seed files, seed {seed}, findings in {Path.GetFullPath(findings)}");
FuzzReport report = Fuzzer.Run(options, line => Console.Error.WriteLine("  " + line));
Console.WriteLine(report);
return report.Failures == 0 ? 0 : 1;
