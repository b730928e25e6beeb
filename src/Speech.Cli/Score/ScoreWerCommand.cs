using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Cli.Text;
using Speech.Core.Text;

namespace Speech.Cli.Score;

/// <summary><c>speech score wer --ref R --hyp H</c>: corpus WER with the S/D/I split. R and H are
/// <c>ID TEXT</c> lines (Kaldi text) or manifests (<c>.jsonl</c>/<c>.jsonl.gz</c>, the cut text).</summary>
public static class ScoreWerCommand
{
    /// <param name="name">The verb: <c>wer</c> under <c>score</c>, <c>score</c> under <c>asr</c>.</param>
    public static Command Build(string name = "wer")
    {
        var reference = new Option<string>("--ref") { Description = "References: 'ID TEXT' lines or a manifest.", Required = true };
        var hypothesis = new Option<string>("--hyp") { Description = "Hypotheses: 'ID TEXT' lines or a manifest.", Required = true };
        var normalizer = NormalizerChoice.CreateOption("whisper-english");
        var modelFolder = NormalizerChoice.CreateSpellingOption();
        var keepEmpty = new Option<bool>("--keep-empty-refs") { Description = "Count hypothesis words of empty references as insertions (default: exclude those utterances, as Whisper evaluation does)." };
        var details = new Option<bool>("--details") { Description = "Also print each utterance's S/D/I and WER." };
        var command = new Command(name, "Word error rate: Σ(S+D+I)/ΣN over utterances paired by id, after normalisation.")
        { reference, hypothesis, normalizer, modelFolder, keepEmpty, details };
        command.SetAction(parse =>
        {
            var scorer = new WerScorer(NormalizerChoice.Resolve(parse.GetValue(normalizer)!, parse.GetValue(modelFolder)),
                parse.GetValue(keepEmpty) ? EmptyReferencePolicy.CountInsertions : EmptyReferencePolicy.Exclude);
            var corpus = scorer.Score(ReadTexts(parse.GetValue(reference)!), ReadTexts(parse.GetValue(hypothesis)!));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(details))
                foreach (var u in corpus.Utterances)
                    output.WriteLine($"{u.Id} S={u.Alignment.Substitutions} D={u.Alignment.Deletions} I={u.Alignment.Insertions} N={u.Alignment.ReferenceWords} WER={Percent(u.Alignment.Wer)}");
            output.WriteLine($"WER {Percent(corpus.Wer)} (S={corpus.Substitutions} D={corpus.Deletions} I={corpus.Insertions} N={corpus.ReferenceWords}) " +
                             $"over {corpus.Utterances.Count} utterances, {corpus.ExcludedEmptyReferences.Count} excluded (empty reference)");
            int identical = corpus.Utterances.Count(u => u.Alignment.Substitutions + u.Alignment.Deletions + u.Alignment.Insertions == 0);
            output.WriteLine($"identical (after normalisation) {identical}/{corpus.Utterances.Count} utterances " +
                             $"({100.0 * identical / Math.Max(1, corpus.Utterances.Count):0.00}%)");
            return CommandErrors.Success;
        });
        return command;
    }

    static string Percent(double? wer) => wer is double value ? $"{100 * value:0.00}%" : "n/a";

    static Dictionary<string, string> ReadTexts(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.Ordinal) || path.EndsWith(".jsonl.gz", StringComparison.Ordinal))
            return Manifest.Read(path).ToDictionary(c => c.Id, c => c.Text ?? "");
        if (!File.Exists(path)) throw new SpeechException($"{path}: not found");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] parts = line.Split(' ', 2);
            if (!texts.TryAdd(parts[0], parts.Length > 1 ? parts[1] : ""))
                throw new SpeechException($"{path}:{lineNumber}: duplicate id '{parts[0]}'");
        }
        return texts;
    }
}
