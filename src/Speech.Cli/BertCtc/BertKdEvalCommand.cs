using System.CommandLine;
using Speech.Asr.BertCtc;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert-kd eval --system NAME=DIR ... [--fusion NAME=DIR --lm-manifest TRAIN] --manifest TEST --out results.tsv</c>.</summary>
public static class BertKdEvalCommand
{
    public static Command Build()
    {
        var systems = new Option<string[]>("--system") { Description = "NAME=MODEL_DIR of a CTC model decoded greedily (repeatable; the first is the baseline of the paired differences).", Required = true, AllowMultipleArgumentsPerToken = true };
        var fusion = new Option<string[]>("--fusion") { Description = "NAME=MODEL_DIR decoded by beam search with shallow fusion of a character n-gram LM (repeatable).", AllowMultipleArgumentsPerToken = true };
        var manifest = new Option<string>("--manifest") { Description = "The test cuts.", Required = true };
        var lmManifest = new Option<string?>("--lm-manifest") { Description = "Transcripts the fusion LM is trained on (e.g. the ASR training set)." };
        var lmText = new Option<string?>("--lm-text") { Description = "Or a text the fusion LM is trained on, one sentence a line (e.g. the BERT's training text)." };
        var beam = new Option<int>("--beam") { Description = "Beam of the fusion rows.", DefaultValueFactory = _ => 16 };
        var lmOrder = new Option<int>("--lm-order") { Description = "Order of the fusion rows' character n-gram LM.", DefaultValueFactory = _ => 6 };
        var lmWeight = new Option<double>("--lm-weight") { Description = "LM weight of the fusion rows.", DefaultValueFactory = _ => 0.8 };
        var bonus = new Option<double>("--insertion-bonus") { Description = "Score per emitted character in the fusion rows.", DefaultValueFactory = _ => 1.5 };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together (the same for every system).", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--out") { Description = "Results table (TSV) to write.", Required = true };
        var command = new Command("eval", "Decode a test set with each model, print WER with bootstrap 95 % intervals, paired differences to the first, and decode times.")
            { systems, fusion, manifest, lmManifest, lmText, beam, lmOrder, lmWeight, bonus, batch, output };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var list = parse.GetValue(systems)!.Select(s => Parse(s, "--system")).Select(p => new BertCtcSystem(p.Name, p.Folder)).ToList();
            list.AddRange((parse.GetValue(fusion) ?? []).Select(s => Parse(s, "--fusion")).Select(p => new BertCtcSystem(p.Name, p.Folder,
                parse.GetValue(beam), parse.GetValue(lmOrder), parse.GetValue(lmWeight), parse.GetValue(bonus))));
            string outPath = parse.GetValue(output)!;
            var lmTexts = LmTexts(parse.GetValue(lmManifest), parse.GetValue(lmText));
            var rows = ConsoleProgress.Run(verb.Output, "bert-kd eval", progress => BertCtcEvaluation.Run(list, parse.GetValue(manifest)!,
                lmTexts, outPath, verb.Device, parse.GetValue(batch), progress: progress));
            verb.Output.WriteLine(BertCtcEvaluationRow.Header);
            foreach (var row in rows) verb.Output.WriteLine(row.ToTsv());
            verb.Output.WriteLine($"written to {outPath}");
            return CommandErrors.Success;
        });
        return command;
    }

    static List<string>? LmTexts(string? manifest, string? text)
    {
        if (manifest is not null && text is not null) throw new ConfigException("give --lm-manifest or --lm-text, not both");
        if (text is not null && !File.Exists(text)) throw new ConfigException($"{text}: LM text not found");
        return manifest is not null ? Manifest.Read(manifest).Select(c => c.Text).OfType<string>().ToList()
            : text is not null ? File.ReadLines(text).Where(l => !string.IsNullOrWhiteSpace(l)).ToList() : null;
    }

    static (string Name, string Folder) Parse(string text, string option)
    {
        int equals = text.IndexOf('=');
        if (equals <= 0 || equals == text.Length - 1) throw new ConfigException($"{option} {text}: expected NAME=MODEL_DIR");
        return (text[..equals], text[(equals + 1)..]);
    }
}
