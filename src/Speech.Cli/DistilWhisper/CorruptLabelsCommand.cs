using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper corrupt</c>: wrong labels on purpose, to test the WER filter.</summary>
public static class CorruptLabelsCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "Merged manifest with pseudo-labels.", Required = true };
        var output = new Option<string>("--out") { Description = "Manifest to write, with the chosen labels swapped and marked extra.label_corrupted.", Required = true };
        var fraction = new Option<double>("--fraction") { Description = "Share of the labelled cuts to corrupt.", DefaultValueFactory = _ => 0.2 };
        var command = new Command("corrupt",
            "Swap the pseudo-labels of a share of the cuts among themselves (fluent but wrong labels, as a hallucinating teacher gives), " +
            "to measure what the WER filter catches and what wrong labels cost the student.") { manifest, output, fraction };
        command.SetAction(parse =>
        {
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var corrupted = PseudoLabelCorruption.Corrupt(cuts, parse.GetValue(fraction), parse.GetValue(GlobalOptions.Seed));
            Manifest.Write(parse.GetValue(output)!, corrupted);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{corrupted.Count(PseudoLabelCorruption.IsCorrupted)} of {cuts.Count} labels corrupted; written to {parse.GetValue(output)}");
            return CommandErrors.Success;
        });
        return command;
    }
}
