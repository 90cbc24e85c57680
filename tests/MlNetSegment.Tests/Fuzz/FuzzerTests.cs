using MlNetSegment.Fuzz;
using MlNetSegment.Tests.Corpus;
using Xunit.Abstractions;

namespace MlNetSegment.Tests.Fuzz;

/// <summary>
/// Seeded fuzz runs of a fixed number of inputs: the assertions are about coverage and verdicts, not speed, so a
/// loaded machine takes longer instead of failing (the 15-minute cap only stops a run that hangs as a whole).
/// </summary>
public class FuzzerTests(ITestOutputHelper output)
{
    [Fact]
    public void A_short_seeded_run_over_decode_and_segment_finds_no_crash_or_hang()
    {
        var options = new FuzzOptions
        {
            MaxInputs = 1_000,
            Duration = TimeSpan.FromMinutes(15),
            Seed = 20_240_601,
            SeedFiles = SeedFiles.Find(),
        };

        FuzzReport report = Fuzzer.Run(options, output.WriteLine);

        output.WriteLine(report.ToString());
        Assert.True(report.Inputs >= 1_000, $"only {report.Inputs} inputs in 15 minutes");
        Assert.True(report.Failures == 0, string.Join(Environment.NewLine, report.Findings));
    }

    [Fact]
    public void A_short_seeded_run_over_the_label_map_reader_finds_no_crash_hang_or_huge_allocation()
    {
        var options = new FuzzOptions
        {
            Target = FuzzTarget.Label,
            MaxInputs = 300,
            Duration = TimeSpan.FromMinutes(15),
            Seed = 20_261_202,
            SeedFiles = SeedFiles.Find(),
        };

        FuzzReport report = Fuzzer.Run(options, output.WriteLine);

        output.WriteLine(report.ToString());
        Assert.True(report.Inputs >= 300, $"only {report.Inputs} inputs in 15 minutes");
        Assert.True(report.Failures == 0, string.Join(Environment.NewLine, report.Findings));
    }

    [Fact]
    public void A_short_seeded_run_over_the_model_loader_finds_no_crash_hang_or_huge_allocation()
    {
        var options = new FuzzOptions
        {
            Target = FuzzTarget.Model,
            MaxInputs = 1_000,
            Duration = TimeSpan.FromMinutes(15),
            Seed = 20_240_601,
        };

        FuzzReport report = Fuzzer.Run(options, output.WriteLine);

        output.WriteLine(report.ToString());
        Assert.True(report.Inputs >= 1_000, $"only {report.Inputs} inputs in 15 minutes");
        Assert.True(report.Loaded > 0, "no mutated model loaded: the mutations never reach the ML.NET part");
        Assert.True(report.Failures == 0, string.Join(Environment.NewLine, report.Findings));
    }

    [Fact]
    public void A_short_seeded_run_over_the_sample_file_reader_and_merge_finds_no_crash_hang_or_huge_allocation()
    {
        var options = new FuzzOptions
        {
            Target = FuzzTarget.Sample,
            MaxInputs = 1_000,
            Duration = TimeSpan.FromMinutes(15),
            Seed = 20_261_214,
        };

        FuzzReport report = Fuzzer.Run(options, output.WriteLine);

        output.WriteLine(report.ToString());
        Assert.True(report.Inputs >= 1_000, $"only {report.Inputs} inputs in 15 minutes");
        Assert.True(report.Loaded > 0, "no mutated sample file was merged: the mutations never get past the checksum");
        Assert.True(report.Failures == 0, string.Join(Environment.NewLine, report.Findings));
    }

    public static TheoryData<string> ModelRegressions => new(
        Directory.GetFiles(Path.Combine(CorpusManifest.Folder, "models", "fuzz-regressions")).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ModelRegressions))]
    public void Every_model_the_fuzzer_made_fail_is_now_refused_cleanly(string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusManifest.Folder, "models", "fuzz-regressions", file));

        (Fuzzer.Outcome outcome, Exception? error) = ModelTarget.Run(input, TimeSpan.FromSeconds(30));

        Assert.True(outcome == Fuzzer.Outcome.Refused, $"{file}: {outcome} {error}");
    }

    public static TheoryData<string> Regressions => new(
        Directory.GetFiles(Path.Combine(CorpusManifest.Folder, "fuzz-regressions")).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Every_input_the_fuzzer_made_fail_now_loads_or_is_refused_cleanly(string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusManifest.Folder, "fuzz-regressions", file));

        (Fuzzer.Outcome outcome, Exception? error) = Fuzzer.RunOne(input, TimeSpan.FromSeconds(30));

        Assert.True(outcome is Fuzzer.Outcome.Loaded or Fuzzer.Outcome.Refused, $"{file}: {outcome} {error}");
    }
}
