using System.CommandLine;
using Speech.Captioning.Data;
using Speech.Captioning.Metrics;
using Speech.Cli.Hosting;

namespace Speech.Cli.Captioning;

/// <summary><c>speech score captions --ref R --hyp H</c>: corpus BLEU-1..4, ROUGE-L and CIDEr-D as the
/// COCO caption evaluation code computes them, on pre-tokenised text; METEOR/SPICE/SPIDEr are
/// reported unavailable unless their Java tools could run.</summary>
public static class ScoreCaptionsCommand
{
    public static Command Build()
    {
        var reference = new Option<string>("--ref") { Description = "References: 'ID<TAB>caption' lines (several per id) or a captions manifest (.jsonl).", Required = true };
        var hypothesis = new Option<string>("--hyp") { Description = "Hypotheses: one 'ID<TAB>caption' line per id.", Required = true };
        var jars = new Option<string?>("--coco-jars") { Description = "Folder holding meteor-1.5.jar and spice-1.0.jar (METEOR/SPICE need them and Java)." };
        var command = new Command("captions", "Caption metrics (BLEU-1..4, ROUGE-L, CIDEr-D) over clips paired by id; text compared as written (lower-case, tokenised).")
        { reference, hypothesis, jars };
        command.SetAction(parse =>
        {
            string refPath = parse.GetValue(reference)!, hypPath = parse.GetValue(hypothesis)!;
            var items = CaptionEvaluator.Pair(CaptionTextFiles.ReadReferences(refPath), CaptionTextFiles.ReadHypotheses(hypPath), refPath, hypPath);
            var scores = CaptionEvaluator.Score(items, parse.GetValue(jars));
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"clips {scores.Clips}, references {items.Sum(i => i.References.Count)}");
            foreach (var (name, value) in scores.Named()) output.WriteLine($"{name} {value:0.0000}");
            if (scores.Unavailable is { } reason) output.WriteLine(reason);
            return CommandErrors.Success;
        });
        return command;
    }
}
