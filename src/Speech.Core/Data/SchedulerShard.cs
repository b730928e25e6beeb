using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>Resolves a verb's <c>--shard</c>: <c>i/N</c> as written, or <c>auto</c> from the
/// environment of the scheduler that started the process, so one command line serves every task of
/// a Slurm array job or a Kubernetes Indexed Job.
/// <list type="bullet">
/// <item>Slurm (<c>sbatch --array=0-(N-1)</c>): the shard is <c>SLURM_ARRAY_TASK_ID</c>; the count is
/// <c>--num-shards</c> / <c>SPEECH_NUM_SHARDS</c>, else the array's own size when it is the whole range
/// 0..N-1 (<c>SLURM_ARRAY_TASK_COUNT</c>, or <c>_MIN</c> 0 and <c>_MAX</c> N-1). Task ids are shard
/// numbers, so a rerun of some shards (<c>--array=1,3</c>) keeps them, and then needs the count given.</item>
/// <item>Kubernetes Indexed Jobs: the shard is <c>JOB_COMPLETION_INDEX</c>, the count
/// <c>--num-shards</c> or <c>SPEECH_NUM_SHARDS</c> (the Job's completions).</item>
/// </list>
/// Where both schedulers' variables are set they must agree; a clear error names the variables when
/// none is set or a value is out of range.</summary>
public static class SchedulerShard
{
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID", SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT",
        SlurmTaskMin = "SLURM_ARRAY_TASK_MIN", SlurmTaskMax = "SLURM_ARRAY_TASK_MAX",
        KubernetesIndex = "JOB_COMPLETION_INDEX", NumShards = "SPEECH_NUM_SHARDS";

    /// <summary>Every variable <c>--shard auto</c> reads (the sbatch script and Job manifest set them).</summary>
    public static IReadOnlyList<string> Variables { get; } = new[] { SlurmTaskId, SlurmTaskCount, SlurmTaskMin, SlurmTaskMax, KubernetesIndex, NumShards };

    /// <param name="text"><c>i/N</c> or <c>auto</c>.</param>
    /// <param name="environment">Reads a variable (null when unset); <see cref="Environment.GetEnvironmentVariable(string)"/> in the CLI.</param>
    /// <param name="numShards">The verb's <c>--num-shards</c>, if given.</param>
    public static ShardSpec Resolve(string text, Func<string, string?> environment, int? numShards = null)
    {
        if (text != "auto")
        {
            var explicitShard = ShardSpec.Parse(text);
            if (numShards is { } n && n != explicitShard.Count)
                throw new ConfigException($"--shard {text} and --num-shards {n} disagree on the number of shards");
            return explicitShard;
        }
        int? count = Count(environment, numShards);
        var slurm = FromSlurm(environment, count);
        var kubernetes = FromKubernetes(environment, count);
        if (slurm is { } s && kubernetes is { } k && s != k)
            throw new ConfigException($"--shard auto: Slurm says shard {s} ({SlurmTaskId}) but Kubernetes says {k} ({KubernetesIndex}); unset one of them");
        return slurm ?? kubernetes ?? throw new ConfigException(
            $"--shard auto: no scheduler shard in the environment: set {SlurmTaskId} (a Slurm array task, with {SlurmTaskCount} or " +
            $"{SlurmTaskMin}/{SlurmTaskMax}, or {NumShards}) or {KubernetesIndex} (a Kubernetes Indexed Job, with --num-shards or {NumShards}), or give --shard i/N");
    }

    /// <summary>The shard count given outright: <c>--num-shards</c> and <c>SPEECH_NUM_SHARDS</c>, which must agree.</summary>
    static int? Count(Func<string, string?> environment, int? numShards)
    {
        int? variable = Integer(environment, NumShards, minimum: 1);
        if (numShards is { } n)
        {
            if (n < 1) throw new ConfigException($"--num-shards {n}: give at least 1");
            if (variable is { } v && v != n) throw new ConfigException($"--num-shards {n} and {NumShards}={v} disagree");
            return n;
        }
        return variable;
    }

    static ShardSpec? FromSlurm(Func<string, string?> environment, int? count)
    {
        if (Integer(environment, SlurmTaskId, minimum: 0) is not { } id) return null;
        int? taskCount = Integer(environment, SlurmTaskCount, minimum: 1);
        int? min = Integer(environment, SlurmTaskMin, minimum: 0), max = Integer(environment, SlurmTaskMax, minimum: 0);
        if (count is null)
        {
            // The array's own size counts only where the array is every shard 0..N-1 (with COUNT alone,
            // as the simplest case, the array is taken to be 0..COUNT-1).
            bool whole = min is null && max is null ? taskCount is not null
                : min is 0 && max is { } m && (taskCount is null || taskCount == m + 1);
            if (!whole)
                throw new ConfigException($"--shard auto: the Slurm array is not 0..N-1 ({SlurmTaskMin}={Show(min)}, {SlurmTaskMax}={Show(max)}, " +
                    $"{SlurmTaskCount}={Show(taskCount)}; a rerun of some shards?): give the number of shards with --num-shards or {NumShards}");
            count = max is { } top ? top + 1 : taskCount;
        }
        return Checked(id, count!.Value, SlurmTaskId);
    }

    static ShardSpec? FromKubernetes(Func<string, string?> environment, int? count)
    {
        if (Integer(environment, KubernetesIndex, minimum: 0) is not { } index) return null;
        if (count is null)
            throw new ConfigException($"--shard auto: {KubernetesIndex}={index} is set but not the number of shards: give --num-shards or {NumShards} (the Job's completions)");
        return Checked(index, count.Value, KubernetesIndex);
    }

    static ShardSpec Checked(int index, int count, string variable) =>
        index < count ? new ShardSpec(index, count)
            : throw new ConfigException($"--shard auto: {variable}={index} is not below the number of shards, {count}");

    static int? Integer(Func<string, string?> environment, string name, int minimum)
    {
        string? text = environment(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), out int value) && value >= minimum) return value;
        throw new ConfigException($"--shard auto: {name}='{text}' is not a whole number of at least {minimum}");
    }

    static string Show(int? value) => value?.ToString() ?? "unset";
}
