using System.CommandLine;
using Speech.Core.Data;

namespace Speech.Cli.Hosting;

/// <summary><c>--shard i/N|auto</c> and <c>--num-shards N</c> of every sharded verb: one process per
/// shard, started by hand, by a Slurm array job or by a Kubernetes Indexed Job (<see cref="SchedulerShard"/>).</summary>
public sealed class ShardOptions
{
    public Option<string> Shard { get; } = new("--shard")
    {
        Description = "This process's shard i/N (0-based; cut k belongs to shard k mod N), or auto: from the scheduler's environment, " +
            $"{SchedulerShard.SlurmTaskId} of a Slurm array (0..N-1) or {SchedulerShard.KubernetesIndex} of a Kubernetes Indexed Job.",
        DefaultValueFactory = _ => "0/1",
    };

    public Option<int?> NumShards { get; } = new("--num-shards")
    {
        Description = $"With --shard auto: the number of shards N (default: {SchedulerShard.NumShards}, else the Slurm array's size when it is 0..N-1).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(NumShards);
    }

    public ShardSpec Read(ParseResult parse) =>
        SchedulerShard.Resolve(parse.GetValue(Shard)!, Environment.GetEnvironmentVariable, parse.GetValue(NumShards));
}
