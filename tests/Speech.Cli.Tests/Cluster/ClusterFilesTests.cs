using Speech.Core.Data;
using Speech.Testing;
using YamlDotNet.RepresentationModel;

namespace Speech.Cli.Tests.Cluster;

/// <summary>recipes/_cluster without a cluster: the sbatch script is valid bash and names every
/// variable `--shard auto` reads on Slurm; the Indexed Job parses as YAML with the fields that make
/// one shard per completion index (and SPEECH_NUM_SHARDS equal to completions).</summary>
public sealed class ClusterFilesTests
{
    static string Cluster(string file) => Path.Combine(RepositoryPaths.Root, "recipes", "_cluster", file);

    [Fact]
    public void The_sbatch_script_parses_and_names_the_slurm_variables()
    {
        ExternalTool.Run("bash", "-n", Cluster("slurm_array.sbatch"));
        string script = File.ReadAllText(Cluster("slurm_array.sbatch"));
        foreach (string name in new[] { SchedulerShard.SlurmTaskId, SchedulerShard.SlurmTaskCount, SchedulerShard.SlurmTaskMin, SchedulerShard.SlurmTaskMax, SchedulerShard.NumShards })
            Assert.Contains(name, script);
        foreach (string directive in new[] { "#SBATCH --requeue", "#SBATCH --output=logs/%x-%A_%a.out", "--array=0-$((N-1))%16", "--shard auto" })
            Assert.Contains(directive, script);
    }

    [Fact]
    public void The_indexed_job_has_one_shard_per_completion_index()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Cluster("indexed_job.yaml"))) yaml.Load(reader);
        var job = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Job", Scalar(job, "kind"));
        var spec = Mapping(job, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        int completions = int.Parse(Scalar(spec, "completions"));
        Assert.InRange(int.Parse(Scalar(spec, "parallelism")), 1, completions);
        Assert.True(int.Parse(Scalar(spec, "backoffLimitPerIndex")) >= 1);
        var pod = Mapping(Mapping(spec, "template"), "spec");
        Assert.Equal("Never", Scalar(pod, "restartPolicy")); // backoffLimitPerIndex needs it
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();
        var args = ((YamlSequenceNode)container.Children[new YamlScalarNode("args")]).Children.Select(a => ((YamlScalarNode)a).Value).ToList();
        Assert.Equal("auto", args[args.IndexOf("--shard") + 1]);
        var env = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));
        Assert.Equal(completions.ToString(), env[SchedulerShard.NumShards]);
        var mount = ((YamlSequenceNode)container.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>().Single();
        var volume = ((YamlSequenceNode)pod.Children[new YamlScalarNode("volumes")]).Children.Cast<YamlMappingNode>().Single();
        Assert.Equal(Scalar(mount, "name"), Scalar(volume, "name"));
        Assert.StartsWith(Scalar(mount, "mountPath"), args[args.IndexOf("--out") + 1]);
    }

    static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
