using System.Runtime.InteropServices;
using MlNetSegment.Cli;
using MlNetSegment.Cli.Commands;
using Spectre.Console.Cli;

StandardStreams.Guard();
if (args.Length > 0 && !args[0].StartsWith('-') && OpenFileLimit.Problem() is { } tooFewFiles)
{
    // Said while the line can still be written; --help and --version need no more than they have.
    Console.Error.WriteLine("error: " + tooFewFiles);
    return ExitCodes.Failure;
}

InputPrefetch.StartFor(args);
using var warmUpDone = new CancellationTokenSource();
Task warmUp = StartupWarmUp.StartFor(args, warmUpDone.Token);
(string Name, Action<IConfigurator> Add)[] verbs =
[
    ("segment", c => c.AddCommand<SegmentCommand>("segment")
        .WithDescription("Segment an image: fit K colours on its own pixels and rebuild it from them (several images: one fit each, into a folder).")
        .WithExample("segment", "data/coffee.png", "-k", "10", "-o", "coffee.segmented.png")),
    ("train", c => c.AddCommand<TrainCommand>("train")
        .WithDescription("Train a palette model on a sample of pixels drawn from many reference images.")
        .WithExample("train", "data", "-k", "12", "-o", "models/samples-k12.zip")),
    ("sample", c => c.AddCommand<SampleCommand>("sample")
        .WithDescription("Map step of map/reduce training: one shard's uniform pixel sample, written to a sample file for train --from-samples.")
        .WithExample("sample", "--inputs-from", "list.txt", "--shard", "auto", "-o", "parts/part.sample")),
    ("apply", c => c.AddCommand<ApplyCommand>("apply")
        .WithDescription("Segment images with a saved palette model, in parallel; re-runs skip finished outputs.")
        .WithExample("apply", "models/samples-k12.zip", "photos", "-o", "out")),
    ("palette", c => c.AddCommand<PaletteCommand>("palette")
        .WithDescription("Make a palette model from given colours, without training; apply maps every pixel to the nearest.")
        .WithExample("palette", "--colors", "#e63946,#f1faee,#a8dadc,#457b9d,#1d3557", "-o", "models/brand.zip")),
    ("elbow", c => c.AddCommand<ElbowCommand>("elbow")
        .WithDescription("Help choose K: inertia and silhouette for a range of K, and the knee of the curve.")
        .WithExample("elbow", "data/coffee.png", "--k", "2..16", "--plot", "elbow.png")),
    ("inspect", c => c.AddCommand<InspectCommand>("inspect")
        .WithDescription("Show a palette model's metadata and colours.")
        .WithExample("inspect", "models/samples-k12.zip", "--json")),
    ("summarize", c => c.AddCommand<SummarizeCommand>("summarize")
        .WithDescription("Totals and failures over the manifests (--manifest) of a batch's shards.")
        .WithExample("summarize", "out/manifests")),
    ("evaluate", c => c.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Score label maps against human segmentations: PRI, VoI and Segmentation Covering (BSDS500).")
        .WithExample("evaluate", "--pred", "out", "--gt", "../shared/data/bsds/groundtruth", "--json")),
];

// A line that names its verb registers only that verb: Spectre.Console.Cli builds the model of every registered
// command's settings before it parses, and the others are never used (segment of a 9.4 MP PNG, installed tool, 24
// paired runs: 0.646 s against 0.679 s). Any other line (help, --version, a typo) registers them all.
string? named = args.Length > 0 && verbs.Any(v => v.Name == args[0]) ? args[0] : null;
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mlnetsegment");
    config.SetApplicationVersion(MlNetSegment.ToolInfo.Version);
    config.PropagateExceptions();
    config.UseStrictParsing();
    foreach ((string name, Action<IConfigurator> add) in verbs)
    {
        if (named is null || named == name)
        {
            add(config);
        }
    }
});

// "--k" is the documented spelling of elbow's range option, but Spectre.Console.Cli refuses one-letter long names.
string[] arguments = [.. args.Select(a => a == "--k" ? "-k" : a.StartsWith("--k=", StringComparison.Ordinal) ? "-k=" + a[4..] : a)];
// "--" ends the options, as everywhere on Unix: what follows are paths even when they start with "-". Spectre.Console.Cli
// still parses them as options, so pass them as "./-x.png", which names the same file.
arguments = JoinStandardInputList(arguments);
// They go right after the verb, not where "--" was: an option with an optional value just before it ("--labels --
// a.png b.png") took the first path as its value (probe round 10).
int endOfOptions = Array.IndexOf(arguments, "--");
if (endOfOptions >= 1)
{
    arguments = [arguments[0], .. arguments[(endOfOptions + 1)..].Select(a => a.StartsWith('-') ? "./" + a : a), .. arguments[1..endOfOptions]];
}

// Ctrl+C (SIGINT) and SIGTERM cancel the work cleanly: no half-written output, temporary files removed, one line,
// exit 130 or 143. A second signal ends the process at once.
using var cancellation = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, terminated: false));
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, terminated: true));
// "-" as a file means standard input or output elsewhere; images need a seekable file (the header is read before the
// pixels) and outputs are written atomically beside their target, so neither works here: say so, not Spectre's
// "Option does not have a name".
// --inputs-from's list is the exception (rewritten above): it is read once, front to back.
int exitCode = arguments.Contains("-")
    ? ExitCodes.Run(() => throw new UsageException("'-' (standard input or output) is not supported: name a file instead"), arguments)
    : ExitCodes.Run(
        () =>
        {
            UsageErrors.CheckBeforeParsing(arguments);
            return app.Run(arguments, cancellation.Token);
        },
        arguments);

// A signal always ends the run with its own exit code, even when the verb finished before it looked at the token
// (palette, inspect): a script that sent SIGTERM must not read success. Whatever the verb committed is complete.
if (cancellation.IsCancellationRequested && exitCode == ExitCodes.Success)
{
    exitCode = ExitCodes.Run(() => throw new OperationCanceledException(cancellation.Token), arguments);
}

// The warm-up never fails the run; stop what is left of it and wait, so that no background work outlives Main.
warmUpDone.Cancel();
warmUp.Wait();
return StandardStreams.Settle(exitCode);

// "--inputs-from -" reads the list from standard input. Spectre.Console.Cli takes a lone "-" for an option without a
// name, but accepts the joined spelling "--inputs-from=-".
static string[] JoinStandardInputList(string[] args)
{
    var joined = new List<string>(args.Length);
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--")
        {
            joined.AddRange(args[i..]);
            break;
        }

        bool fromStandardInput = args[i] == "--inputs-from" && i + 1 < args.Length && args[i + 1] == "-";
        joined.Add(fromStandardInput ? "--inputs-from=-" : args[i]);
        i += fromStandardInput ? 1 : 0;
    }

    return [.. joined];
}

void Cancel(PosixSignalContext context, bool terminated)
{
    bool first = !cancellation.IsCancellationRequested;
    context.Cancel = first;
    ExitCodes.Terminated |= terminated;
    cancellation.Cancel();
    if (first)
    {
        // Work that cannot look at the token (a read from a FIFO or a pipe with no writer, a long native call) would
        // keep the process past the signal (probe round 4): after a grace period, exit anyway, temporary files removed.
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            MlNetSegment.IO.AtomicFile.DeleteLiveTempFiles();
            if (ExitCodes.TryClaimReport())
            {
                Console.Error.WriteLine("error: cancelled");
            }

            Environment.Exit(ExitCodes.Terminated ? ExitCodes.TerminatedCode : ExitCodes.Cancelled);
        });
    }
}
