using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper merge</c>: every shard finished, every cut labelled exactly once;
/// <c>--check</c> only says which shards are finished, partial or missing and how to rerun just those.</summary>
public static class MergeLabelsCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "The manifest the shards were made from." };
        var labels = new Option<string>("--labels") { Description = "The labels folder of pseudo-label.", Required = true };
        var output = new Option<string>("--out") { Description = "Manifest to write, with extra.pseudo_label and extra.pseudo_label_tokens." };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing: list the finished, partial (begun, not done: killed or still running) and missing shards, print the " +
                "commands that rerun only the unfinished ones (Slurm --array list, --shard i/N), exit 0 when all are finished and 1 otherwise.",
        };
        var shards = new Option<int?>("--shards") { Description = "With --check: the number of shards (default: the N its shard files name)." };
        var command = new Command("merge", "Join the label shards onto the manifest, checking every cut is labelled exactly once.") { manifest, labels, output, check, shards };
        command.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            string folder = parse.GetValue(labels)!;
            if (parse.GetValue(check)) return Check(writer, PseudoLabelShard.Status(folder, parse.GetValue(shards)));
            if (parse.GetValue(manifest) is not { } manifestPath || parse.GetValue(output) is not { } outputPath)
                throw new Speech.Core.Errors.ConfigException("merge needs --manifest and --out (or --check)");
            int count = PseudoLabelMerge.Merge(manifestPath, folder, outputPath);
            writer.WriteLine($"{count} labelled cuts written to {outputPath}");
            return CommandErrors.Success;
        });
        return command;
    }

    static int Check(TextWriter writer, ShardStatus status)
    {
        writer.WriteLine($"shards: {status.Finished.Count} of {status.Count} finished");
        writer.WriteLine($"finished: {List(status.Finished)}");
        writer.WriteLine($"partial: {List(status.Partial)}");
        writer.WriteLine($"missing: {List(status.Missing)}");
        if (status.Complete)
        {
            writer.WriteLine("all shards finished: merge can run");
            return CommandErrors.Success;
        }
        writer.WriteLine($"rerun only these: sbatch --array={status.SlurmArray()} --export=ALL,SPEECH_NUM_SHARDS={status.Count} recipes/_cluster/slurm_array.sbatch ...");
        foreach (int i in status.ToRerun) writer.WriteLine($"  or: speech distil-whisper pseudo-label ... --shard {i}/{status.Count}");
        return CommandErrors.BadInput;
    }

    static string List(IReadOnlyList<int> shards) => shards.Count == 0 ? "none" : string.Join(",", shards);
}
