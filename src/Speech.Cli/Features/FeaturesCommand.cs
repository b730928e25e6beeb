using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;

namespace Speech.Cli.Features;

/// <summary><c>speech features extract</c>: a manifest's features, written once, resumable.</summary>
public static class FeaturesCommand
{
    public static Command Build()
    {
        var command = new Command("features", "Compute acoustic features (Whisper log-mel, Kaldi fbank).");
        command.Subcommands.Add(BuildExtract());
        return command;
    }

    static Command BuildExtract()
    {
        var manifest = new Option<string>("--manifest") { Required = true, Description = "Cut manifest (JSONL or JSONL.gz)." };
        var output = new Option<string>("--out") { Required = true, Description = "Output folder." };
        var kind = new Option<string>("--kind") { Required = true, Description = $"Feature kind: {string.Join(", ", FeatureExtractors.Names)}." };
        kind.AcceptOnlyFromAmong([.. FeatureExtractors.Names]);
        var melBins = new Option<int?>("--n-mels") { Description = "Mel bins: 80 (default) or 128 (Whisper large-v3)." };
        var shard = new ShardOptions();
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "store", Description = "store (sharded float16 files + index) or npy (one float32 .npy per cut)." };
        format.AcceptOnlyFromAmong("store", "npy");
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 8, Description = "Cuts featurised together." };
        var skipBad = SkipBadOption.Create();
        var command = new Command("extract",
            "Write the features of every cut of a manifest; rerun to resume. A shard is marked done when no cut failed.")
            { manifest, output, kind, melBins, format, batchSize, skipBad };
        shard.AddTo(command);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var (writer, device) = (verb.Output, verb.Device);
            var (shardIndex, shardCount) = shard.Read(parse);
            using var extractor = FeatureExtractors.Create(parse.GetValue(kind)!, parse.GetValue(melBins), device);
            var options = new FeatureExtractionOptions
            {
                Format = parse.GetValue(format) == "npy" ? FeatureFormat.Npy : FeatureFormat.Store,
                ShardIndex = shardIndex,
                ShardCount = shardCount,
                BatchSize = Math.Max(1, parse.GetValue(batchSize)),
            };
            var badItems = SkipBadOption.Policy(parse, skipBad);
            var report = ConsoleProgress.Run(writer, $"features {extractor.Name}",
                progress => FeatureExtraction.Run(parse.GetValue(manifest)!, parse.GetValue(output)!, extractor, options, badItems, progress));
            return SkipBadOption.Finish(parse, $"features: shard {shardIndex}/{shardCount}: {report}", report.Skipped, report.Failures, report.Counts);
        });
        return command;
    }
}
