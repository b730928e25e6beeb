using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Cli.Text;
using Speech.Core.Text;

namespace Speech.Cli.Score;

/// <summary><c>speech score wer --ref R --hyp H [--hyp H2]</c>: corpus WER with the S/D/I split. R and H are
/// <c>ID TEXT</c> or <c>ID&lt;TAB&gt;TEXT</c> lines (Kaldi text) or manifests (<c>.jsonl</c>/<c>.jsonl.gz</c>, the cut text).
/// <c>--details</c> adds each utterance, the bootstrap 95 % interval, and with two hypothesis files
/// the interval of their paired difference.</summary>
public static class ScoreWerCommand
{
    /// <param name="name">The verb: <c>wer</c> under <c>score</c>, <c>score</c> under <c>asr</c>.</param>
    public static Command Build(string name = "wer")
    {
        var reference = new Option<string>("--ref") { Description = "References: 'ID TEXT' (or ID<TAB>TEXT) lines or a manifest.", Required = true };
        var hypothesis = new Option<string[]>("--hyp")
        {
            Description = "Hypotheses: 'ID TEXT' (or ID<TAB>TEXT) lines or a manifest; give two (--hyp A --hyp B) to compare systems on the same references.",
            Required = true,
        };
        var normalizer = NormalizerChoice.CreateOption("whisper-english");
        var modelFolder = NormalizerChoice.CreateSpellingOption();
        var keepEmpty = new Option<bool>("--keep-empty-refs") { Description = "Count hypothesis words of empty references as insertions (default: exclude those utterances, as Whisper evaluation does)." };
        var details = new Option<bool>("--details")
        {
            Description = "Also print each utterance's S/D/I and WER, the WER's bootstrap 95% interval (utterances resampled), and with two --hyp files the interval of WER(first) - WER(second) and whether it excludes 0.",
        };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for --details' intervals.", DefaultValueFactory = _ => WerBootstrap.DefaultResamples };
        var command = new Command(name, "Word error rate: Σ(S+D+I)/ΣN over utterances paired by id, after normalisation.")
        { reference, hypothesis, normalizer, modelFolder, keepEmpty, details, resamples };
        command.SetAction(parse =>
        {
            var scorer = new WerScorer(NormalizerChoice.Resolve(parse.GetValue(normalizer)!, parse.GetValue(modelFolder)),
                parse.GetValue(keepEmpty) ? EmptyReferencePolicy.CountInsertions : EmptyReferencePolicy.Exclude);
            var hypotheses = parse.GetValue(hypothesis)!;
            if (hypotheses.Length > 2) throw new ConfigException($"--hyp: one or two hypothesis files, not {hypotheses.Length}");
            var references = ReadTexts(parse.GetValue(reference)!);
            var output = parse.InvocationConfiguration.Output;
            bool detailed = parse.GetValue(details);
            (int count, ulong draws) = (parse.GetValue(resamples), (ulong)parse.GetValue(GlobalOptions.Seed));
            var scored = new List<CorpusWer>();
            foreach (string path in hypotheses)
            {
                var corpus = scorer.Score(references, ReadTexts(path));
                scored.Add(corpus);
                if (hypotheses.Length > 1) output.WriteLine($"== {path}");
                Print(output, corpus, detailed);
                if (detailed && corpus.ReferenceWords > 0)
                    output.WriteLine($"WER 95% interval {WerBootstrap.Interval(corpus, count, draws).ToPercentString()} (bootstrap, {count} resamples of utterances, seed {draws})");
            }
            if (detailed && scored.Count == 2)
            {
                var difference = WerBootstrap.Difference(scored[0], scored[1], count, draws);
                output.WriteLine($"paired difference WER(first) - WER(second) {100 * difference.Value:+0.00;-0.00;0.00} points, " +
                                 FormattableString.Invariant($"95% interval [{100 * difference.Lower:+0.00;-0.00;0.00}, {100 * difference.Upper:+0.00;-0.00;0.00}]: ") +
                                 (difference.ExcludesZero ? "excludes 0, the systems differ" : "includes 0, no difference shown"));
            }
            return CommandErrors.Success;
        });
        return command;
    }

    static void Print(TextWriter output, CorpusWer corpus, bool details)
    {
        if (details)
            foreach (var u in corpus.Utterances)
                output.WriteLine($"{u.Id} S={u.Alignment.Substitutions} D={u.Alignment.Deletions} I={u.Alignment.Insertions} N={u.Alignment.ReferenceWords} WER={Percent(u.Alignment.Wer)}");
        output.WriteLine($"WER {Percent(corpus.Wer)} (S={corpus.Substitutions} D={corpus.Deletions} I={corpus.Insertions} N={corpus.ReferenceWords}) " +
                         $"over {corpus.Utterances.Count} utterances, {corpus.ExcludedEmptyReferences.Count} excluded (empty reference)");
        int identical = corpus.Utterances.Count(u => u.Alignment.Errors == 0);
        output.WriteLine($"identical (after normalisation) {identical}/{corpus.Utterances.Count} utterances " +
                         $"({100.0 * identical / Math.Max(1, corpus.Utterances.Count):0.00}%)");
    }

    static string Percent(double? wer) => wer is double value ? $"{100 * value:0.00}%" : "n/a";

    static Dictionary<string, string> ReadTexts(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.Ordinal) || path.EndsWith(".jsonl.gz", StringComparison.Ordinal))
            return Manifest.Read(path).ToDictionary(c => c.Id, c => c.Text ?? "");
        return IdTextFile.Read(path);
    }
}
