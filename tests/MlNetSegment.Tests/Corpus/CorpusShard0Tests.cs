using Xunit.Abstractions;

namespace MlNetSegment.Tests.Corpus;

/// <summary>Half of the corpus through the real CLI (xunit runs the shards' classes in parallel).</summary>
public class CorpusShard0Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => CorpusManifest.Shard(0, 2);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_gets_its_manifest_verdict_in_time_and_memory(string file)
    {
        var run = CorpusVerdicts.Check(file);
        output.WriteLine($"{file}: exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F2} s, peak {run.PeakBytes >> 20} MB");
    }
}
