using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper merge</c>: every shard finished, every cut labelled exactly once.</summary>
public static class MergeLabelsCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "The manifest the shards were made from.", Required = true };
        var labels = new Option<string>("--labels") { Description = "The labels folder of pseudo-label.", Required = true };
        var output = new Option<string>("--out") { Description = "Manifest to write, with extra.pseudo_label and extra.pseudo_label_tokens.", Required = true };
        var command = new Command("merge", "Join the label shards onto the manifest, checking every cut is labelled exactly once.") { manifest, labels, output };
        command.SetAction(parse =>
        {
            int count = PseudoLabelMerge.Merge(parse.GetValue(manifest)!, parse.GetValue(labels)!, parse.GetValue(output)!);
            parse.InvocationConfiguration.Output.WriteLine($"{count} labelled cuts written to {parse.GetValue(output)}");
            return CommandErrors.Success;
        });
        return command;
    }
}
