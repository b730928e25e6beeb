using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Corpus;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv synth --out DIR</c>: the text-dependent synthetic corpus (espeak-ng + sox).</summary>
public static class SvSynthCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Corpus folder (wav/, train.jsonl, eval.jsonl, trials/).", Required = true };
        var speakers = new Option<int>("--speakers") { Description = "Synthetic speakers in all.", DefaultValueFactory = _ => 40 };
        var evalSpeakers = new Option<int>("--eval-speakers") { Description = "Speakers held out for evaluation (speaker-disjoint).", DefaultValueFactory = _ => 12 };
        var phrases = new Option<int>("--phrases") { Description = "Fixed phrases each speaker says (2-10).", DefaultValueFactory = _ => 5 };
        var repetitions = new Option<int>("--repetitions") { Description = "Repetitions of each phrase (the first enrols).", DefaultValueFactory = _ => 4 };
        var nontargets = new Option<int>("--nontargets-per-target") { Description = "Impostor and wrong-phrase trials kept per target trial (0: all).", DefaultValueFactory = _ => 10 };
        var command = new Command("synth", "Make a text-dependent speaker-verification corpus (resumable: finished files are kept).")
            { output, speakers, evalSpeakers, phrases, repetitions, nontargets };
        command.SetAction(parse =>
        {
            var options = new TextDependentCorpusOptions
            {
                Speakers = parse.GetValue(speakers), EvalSpeakers = parse.GetValue(evalSpeakers), Phrases = parse.GetValue(phrases),
                Repetitions = parse.GetValue(repetitions), NontargetsPerTarget = parse.GetValue(nontargets), Seed = parse.GetValue(GlobalOptions.Seed),
            };
            var writer = parse.InvocationConfiguration.Output;
            string folder = parse.GetValue(output)!;
            var (train, eval) = ConsoleProgress.Run(writer, "sv synth", p => TextDependentCorpusSynthesizer.Synthesize(folder, options, p));
            writer.WriteLine($"{folder}: {train} train and {eval} eval utterances; " +
                             $"{options.Speakers - options.EvalSpeakers} train and {options.EvalSpeakers} eval speakers");
            foreach (string trials in Directory.GetFiles(Path.Combine(folder, "trials"), "*.txt").Order(StringComparer.Ordinal))
            {
                var lines = File.ReadLines(trials).Select(l => l.EndsWith(" target", StringComparison.Ordinal)).ToList();
                writer.WriteLine($"  trials/{Path.GetFileName(trials)}: {lines.Count(t => t)} target, {lines.Count(t => !t)} nontarget");
            }
            return CommandErrors.Success;
        });
        return command;
    }
}
