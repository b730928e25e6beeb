using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Core.Tests.Data;

/// <summary><c>--shard auto</c> from Slurm's and Kubernetes' variables, and the errors when they are
/// missing, out of range or in disagreement.</summary>
public sealed class SchedulerShardTests
{
    static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public void An_explicit_shard_is_taken_as_written_and_ignores_the_environment()
    {
        Assert.Equal(new ShardSpec(2, 4), SchedulerShard.Resolve("2/4", Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "8"))));
        var clash = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("2/4", Env(), numShards: 5));
        Assert.Contains("--num-shards 5", clash.Message);
    }

    [Theory]
    [InlineData("3", "4", null, null, 3, 4)]     // sbatch --array=0-3: the array's size
    [InlineData("0", null, "0", "7", 0, 8)]      // only _MIN/_MAX (older Slurm)
    [InlineData("5", "8", "0", "7", 5, 8)]
    public void Slurm_whole_arrays_give_their_own_size(string id, string? count, string? min, string? max, int index, int shards)
    {
        var variables = new List<(string, string)> { ("SLURM_ARRAY_TASK_ID", id) };
        if (count is not null) variables.Add(("SLURM_ARRAY_TASK_COUNT", count));
        if (min is not null) variables.Add(("SLURM_ARRAY_TASK_MIN", min));
        if (max is not null) variables.Add(("SLURM_ARRAY_TASK_MAX", max));
        Assert.Equal(new ShardSpec(index, shards), SchedulerShard.Resolve("auto", Env(variables.ToArray())));
    }

    [Fact]
    public void A_rerun_of_some_shards_keeps_their_numbers_and_needs_the_count()
    {
        // sbatch --array=1,3: Slurm reports COUNT 2, MIN 1, MAX 3; the task ids are the shard numbers.
        var rerun = Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "3"));
        var error = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", rerun));
        Assert.Contains("SPEECH_NUM_SHARDS", error.Message);
        Assert.Contains("SLURM_ARRAY_TASK_MIN=1", error.Message);
        Assert.Equal(new ShardSpec(3, 4), SchedulerShard.Resolve("auto", rerun, numShards: 4));
        var withVariable = Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SPEECH_NUM_SHARDS", "4"));
        Assert.Equal(new ShardSpec(3, 4), SchedulerShard.Resolve("auto", withVariable));
    }

    [Fact]
    public void Kubernetes_indexed_jobs_need_the_number_of_shards()
    {
        Assert.Equal(new ShardSpec(6, 10), SchedulerShard.Resolve("auto", Env(("JOB_COMPLETION_INDEX", "6"), ("SPEECH_NUM_SHARDS", "10"))));
        Assert.Equal(new ShardSpec(6, 10), SchedulerShard.Resolve("auto", Env(("JOB_COMPLETION_INDEX", "6")), numShards: 10));
        var error = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", Env(("JOB_COMPLETION_INDEX", "6"))));
        Assert.Contains("JOB_COMPLETION_INDEX=6", error.Message);
        Assert.Contains("--num-shards", error.Message);
    }

    [Fact]
    public void No_scheduler_names_the_variables()
    {
        var error = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", Env()));
        foreach (string name in new[] { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", "SPEECH_NUM_SHARDS", "--shard i/N" })
            Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Sources_that_disagree_are_refused()
    {
        var both = Env(("SLURM_ARRAY_TASK_ID", "1"), ("JOB_COMPLETION_INDEX", "2"), ("SPEECH_NUM_SHARDS", "4"));
        var error = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", both));
        Assert.Contains("Slurm says shard 1/4", error.Message);
        Assert.Contains("Kubernetes says 2/4", error.Message);
        var agreeing = Env(("SLURM_ARRAY_TASK_ID", "2"), ("JOB_COMPLETION_INDEX", "2"), ("SPEECH_NUM_SHARDS", "4"));
        Assert.Equal(new ShardSpec(2, 4), SchedulerShard.Resolve("auto", agreeing));
        var counts = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", Env(("JOB_COMPLETION_INDEX", "1"), ("SPEECH_NUM_SHARDS", "4")), numShards: 8));
        Assert.Contains("--num-shards 8 and SPEECH_NUM_SHARDS=4 disagree", counts.Message);
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_ID=4 is not below the number of shards, 4")]
    [InlineData("SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_ID='x' is not a whole number")]
    [InlineData("JOB_COMPLETION_INDEX", "-1", "JOB_COMPLETION_INDEX='-1' is not a whole number of at least 0")]
    public void Bad_values_name_their_variable(string name, string value, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => SchedulerShard.Resolve("auto", Env((name, value), ("SPEECH_NUM_SHARDS", "4"))));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Status_lists_shards_and_the_slurm_array_that_reruns_the_unfinished()
    {
        var finished = new HashSet<int> { 0, 4, 7 };
        var started = new HashSet<int> { 1, 5 };
        var status = ShardStatus.Scan(8, s => finished.Contains(s.Index), s => started.Contains(s.Index));
        Assert.Equal(new[] { 0, 4, 7 }, status.Finished);
        Assert.Equal(new[] { 1, 5 }, status.Partial);
        Assert.Equal(new[] { 2, 3, 6 }, status.Missing);
        Assert.Equal("1-3,5-6", status.SlurmArray());
        Assert.False(status.Complete);
        var done = ShardStatus.Scan(3, _ => true, _ => true);
        Assert.True(done.Complete);
        Assert.Equal("", done.SlurmArray());
    }
}
