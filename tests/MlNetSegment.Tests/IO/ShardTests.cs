using System.Text;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class ShardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void The_shards_of_a_list_partition_it_exactly_in_its_order(int count)
    {
        // 3,000 generated paths (some twice, some spelled two ways, relative and absolute), no images needed.
        var list = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            list.Append(i % 3 == 0 ? "/data/tiles/" : "tiles/").Append(i % 17).Append('/').Append(i).Append(".png\n");
            if (i % 10 == 0)
            {
                list.Append("./tiles/").Append(i % 17).Append("/./").Append(i).Append(".png\n\n");
            }
        }

        string[] named = ["/data/first.png", "/data/second.png"];
        List<string> whole = Paths(InputSelection.Gather(named, new StringReader(list.ToString()), "list", false));
        var shards = Enumerable.Range(0, count)
            .Select(i => Paths(InputSelection.Gather(named, new StringReader(list.ToString()), "list", false, shard: new Shard(i, count))))
            .ToList();

        Assert.True(whole.Count > 2900, $"{whole.Count} inputs");
        Assert.Equal(whole.Count, shards.Sum(s => s.Count));
        Assert.Equal(whole.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        foreach (List<string> shard in shards)
        {
            // Each shard keeps the list's order: it is the whole list with the other shards' inputs taken out.
            Assert.Equal(whole.Where(shard.ToHashSet().Contains), shard);
            Assert.InRange(shard.Count, whole.Count / count * 0.85, whole.Count / count * 1.15);
        }
    }

    [Fact]
    public void Two_inputs_that_would_write_one_output_fall_in_the_same_shard()
    {
        using var dir = new TempDirectory();
        string list = $"{dir.Path}/a/x.png\n{dir.Path}/b/x.jpg\n";

        for (var i = 0; i < 5; i++)
        {
            var selection = InputSelection.Gather([], new StringReader(list), "list", false, shard: new Shard(i, 5));
            Assert.True(selection.Files.Count is 0 or 2);
        }
    }

    [Fact]
    public void The_rule_is_the_documented_hash_of_the_output_stem()
    {
        // Pinned, so that the documented rule (and the Python lines in the README) cannot drift: changing it would
        // move inputs between the shards of runs already under way.
        Assert.Equal(1, Shard.Of("a", 7));
        Assert.Equal(0, Shard.Of("tiles/12/3", 3));
        Assert.Equal(1, Shard.Of("café/été", 8));
        Assert.Equal(0, Shard.Of("anything", 1));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("6/7", 6, 7)]
    [InlineData("0/10000000", 0, 10_000_000)]
    public void I_over_n_is_read(string text, int index, int count)
    {
        Assert.True(Shard.TryParse(text, _ => null, out Shard shard, out string? error), error);
        Assert.Equal(new Shard(index, count), shard);
    }

    [Theory]
    [InlineData("7/7")]
    [InlineData("0/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/ 3")]
    [InlineData("0/10000001")]
    [InlineData("Auto")]
    public void Anything_else_is_refused_with_a_message_naming_the_option(string text)
    {
        Assert.False(Shard.TryParse(text, _ => null, out _, out string? error));
        Assert.StartsWith("--shard", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID=12 SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MAX=13 SLURM_ARRAY_TASK_STEP=1", 2, 4)]
    [InlineData("SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=1", 0, 1)]
    [InlineData("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=1", 0, 1)]
    [InlineData("JOB_COMPLETION_INDEX=4 MLNETSEGMENT_SHARD_COUNT=5", 4, 5)]
    [InlineData("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2 JOB_COMPLETION_INDEX=0 MLNETSEGMENT_SHARD_COUNT=9", 1, 2)]
    [InlineData("SLURM_ARRAY_TASK_ID= JOB_COMPLETION_INDEX=0 MLNETSEGMENT_SHARD_COUNT=1", 0, 1)]
    public void Auto_reads_a_Slurm_array_or_a_Kubernetes_indexed_job(string environment, int index, int count)
    {
        Assert.True(Shard.TryParse("auto", Variables(environment), out Shard shard, out string? error), error);
        Assert.Equal(new Shard(index, count), shard);
    }

    [Theory]
    [InlineData("", "neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX")]
    [InlineData("SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_MIN is not")]
    [InlineData("SLURM_ARRAY_TASK_ID=x SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_ID must be a whole number, got 'x'")]
    [InlineData("SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4", "gives shard 4, outside 0..3")]
    [InlineData("SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MAX=9", "not one range of step 1")]
    [InlineData("SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=5 SLURM_ARRAY_TASK_MAX=8 SLURM_ARRAY_TASK_STEP=2", "not one range of step 1")]
    [InlineData("SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_COUNT=1 SLURM_ARRAY_TASK_MAX=3", "pass --shard 3/N")]
    [InlineData("JOB_COMPLETION_INDEX=2", "MLNETSEGMENT_SHARD_COUNT is not")]
    [InlineData("JOB_COMPLETION_INDEX=2 MLNETSEGMENT_SHARD_COUNT=2", "JOB_COMPLETION_INDEX 2 gives shard 2, outside 0..1")]
    [InlineData("JOB_COMPLETION_INDEX=0 MLNETSEGMENT_SHARD_COUNT=0", "MLNETSEGMENT_SHARD_COUNT must be from 1")]
    [InlineData("JOB_COMPLETION_INDEX=0 MLNETSEGMENT_SHARD_COUNT=99999999999", "MLNETSEGMENT_SHARD_COUNT must be a whole number")]
    public void Auto_without_a_usable_job_array_is_refused_saying_why(string environment, string message)
    {
        Assert.False(Shard.TryParse("auto", Variables(environment), out _, out string? error));
        Assert.StartsWith("--shard auto: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variables(string environment)
    {
        var values = environment.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return name => values.GetValueOrDefault(name);
    }

    private static List<string> Paths(InputSelection selection) => [.. selection.Files.Select(f => f.Path)];
}
