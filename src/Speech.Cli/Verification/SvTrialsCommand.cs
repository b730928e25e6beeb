using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Corpus;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv trials --voxceleb LIST --manifest M --out T</c>: a VoxCeleb trial list
/// (<c>1|0 ENROLL.wav TEST.wav</c>) as WeSpeaker trials over the manifest's cut ids.</summary>
public static class SvTrialsCommand
{
    public static Command Build()
    {
        var list = new Option<string>("--voxceleb") { Description = "VoxCeleb trial list: 'LABEL(1|0) ENROLL TEST' with paths like id10270/x6uYqmx31kE/00001.wav.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Manifest of the evaluation audio (from 'speech data import voxceleb').", Required = true };
        var output = new Option<string>("--out") { Description = "Trial list to write: 'ENROLL TEST target|nontarget'.", Required = true };
        var command = new Command("trials", "Convert a VoxCeleb trial list; lines naming unknown utterances are reported with their line numbers.") { list, manifest, output };
        command.SetAction(parse =>
        {
            var read = VoxCelebTrials.Read(parse.GetValue(list)!, parse.GetValue(manifest)!);
            foreach (var problem in read.Skipped) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
            VoxCelebTrials.Write(parse.GetValue(output)!, read.Items);
            parse.InvocationConfiguration.Output.WriteLine($"{parse.GetValue(output)}: {read.Summary("kept")} " +
                $"({read.Items.Count(t => t.Target)} target, {read.Items.Count(t => !t.Target)} nontarget)");
            return CommandErrors.Success;
        });
        return command;
    }
}
