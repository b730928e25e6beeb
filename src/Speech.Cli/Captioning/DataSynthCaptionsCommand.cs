using System.CommandLine;
using Speech.Captioning.Data;
using Speech.Cli.Hosting;

namespace Speech.Cli.Captioning;

/// <summary><c>speech data synth-captions --out DIR</c>: the synthetic captioned corpus (train/test
/// with five captions per clip, Clotho-shaped, plus an audio-only set), manifests included.</summary>
public static class DataSynthCaptionsCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Corpus folder: train/, test/, audio_only/ and their .jsonl manifests.", Required = true };
        var train = new Option<int>("--train-clips") { Description = "Captioned training clips.", DefaultValueFactory = _ => 800 };
        var test = new Option<int>("--test-clips") { Description = "Captioned test clips (event and voice parameters disjoint from training).", DefaultValueFactory = _ => 200 };
        var audioOnly = new Option<int>("--audio-only-clips") { Description = "Clips without captions (the audio-only set).", DefaultValueFactory = _ => 800 };
        var seconds = new Option<double>("--clip-seconds") { Description = "Length of every clip.", DefaultValueFactory = _ => 5.0 };
        var command = new Command("synth-captions", "Synthesise a captioned corpus of 1-3 mixed sound events (tones, chirps, sirens, bells, engines, rain, wind, clicks, claps, espeak-ng speech, sung notes); resumable.")
        { output, train, test, audioOnly, seconds };
        command.SetAction(parse =>
        {
            var options = new SyntheticCaptionOptions
            {
                TrainClips = parse.GetValue(train), TestClips = parse.GetValue(test), AudioOnlyClips = parse.GetValue(audioOnly),
                ClipSeconds = parse.GetValue(seconds), Seed = parse.GetValue(GlobalOptions.Seed),
            };
            string folder = parse.GetValue(output)!;
            var writer = parse.InvocationConfiguration.Output;
            var counts = ConsoleProgress.Run(writer, "synth-captions", progress => SyntheticCaptionCorpus.Generate(folder, options, progress));
            writer.WriteLine($"{string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))} clips in {folder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
