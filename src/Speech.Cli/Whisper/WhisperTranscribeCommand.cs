using System.CommandLine;
using Speech.Asr.Inference;
using Speech.Asr.Whisper.Engines;
using Speech.Cli.Hosting;
using Speech.Core.Audio;
using Speech.Core.Errors;

namespace Speech.Cli.Whisper;

/// <summary><c>speech whisper transcribe</c>: audio files or a whole manifest (resumable) through
/// either engine.</summary>
public static class WhisperTranscribeCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "A Hugging Face Whisper folder, or a whisper.cpp ggml-*.bin file.", Required = true };
        var engine = new Option<string>("--engine") { Description = "torch (ours), whisper.net (ggml files), or auto (whisper.net for .bin files, torch for folders).", DefaultValueFactory = _ => "auto" };
        engine.AcceptOnlyFromAmong("auto", "torch", "whisper.net");
        var manifest = new Option<string?>("--manifest") { Description = "Transcribe every cut of this manifest (instead of audio files)." };
        var output = new Option<string?>("--out") { Description = "With --manifest: hypotheses manifest to write (resumable)." };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together (torch engine).", DefaultValueFactory = _ => 8 };
        var overlap = new Option<double>("--chunk-overlap")
        {
            Description = "Torch engine, audio longer than the model's window: seconds each window overlaps its neighbours by on each side " +
                          "(windows are decoded together and joined where their tokens agree). Whisper.net seeks through long audio itself.",
            DefaultValueFactory = _ => -1,
        };
        var timestamps = new Option<bool>("--timestamps")
        {
            Description = "Torch engine: decode with Whisper's timestamp tokens and rules and print (or, with --manifest, store in the extra field " +
                          "'segments') each timed segment. One window per input: longer audio is refused with this option.",
        };
        var files = new Argument<string[]>("audio") { Arity = ArgumentArity.ZeroOrMore, Description = "Audio files (16 kHz or resampled)." };
        var decoding = new WhisperDecodingOptions();
        var ctcHead = new Option<string?>("--ctc-head")
        {
            Description = "With --ctc-weight: the folder whose CTC head (ctc_head.safetensors, ctc_vocab.json) scores the hypotheses; by default " +
                          "the model folder. A Distil-Whisper student that kept its teacher's encoder frozen can use the teacher's folder: the head " +
                          "reads the same encoder states.",
        };
        var command = new Command("transcribe", "English transcription of audio files or a manifest (greedy, beam search, or joint CTC/attention beam search).")
            { model, engine, manifest, output, batch, overlap, timestamps };
        foreach (var option in decoding.All) command.Options.Add(option);
        command.Options.Add(ctcHead);
        command.Arguments.Add(files);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var writer = verb.Output;
            var settings = decoding.Read(parse) with { BatchSize = parse.GetValue(batch), Timestamps = parse.GetValue(timestamps) };
            double chunkOverlap = parse.GetValue(overlap);
            using var recognizer = WhisperRecognizer.Open(parse.GetValue(model)!, parse.GetValue(engine)!, settings, verb.Device,
                chunkOverlap >= 0 ? chunkOverlap : null, parse.GetValue(ctcHead));
            if (parse.GetValue(manifest) is { } manifestPath)
            {
                string outPath = parse.GetValue(output) ?? throw new ConfigException("--manifest needs --out HYPS.jsonl");
                var job = new TranscriptionJob(recognizer.Engine, parse.GetValue(batch));
                var outcome = ConsoleProgress.Run(writer, $"transcribe ({recognizer.Engine.Name})", progress => job.Run(manifestPath, outPath, progress));
                writer.WriteLine($"{outcome.Total} cuts: {outcome.AlreadyDone} already done, {outcome.Transcribed} transcribed -> {outPath}");
                return CommandErrors.Success;
            }
            string[] audio = parse.GetValue(files) ?? Array.Empty<string>();
            if (audio.Length == 0) throw new ConfigException("give audio files or --manifest");
            var transcripts = recognizer.Engine.Transcribe(audio.Select(f => AudioReader.Read(f, targetRate: 16000)).ToList());
            for (int i = 0; i < audio.Length; i++)
            {
                if (transcripts[i].Segments is not { } segments) { writer.WriteLine($"{audio[i]}\t{transcripts[i].Text}"); continue; }
                foreach (var segment in segments)
                    writer.WriteLine(FormattableString.Invariant($"{audio[i]}\t[{segment.Start:F2} -> {segment.End:F2}]\t{recognizer.TextOf(segment)}"));
            }
            return CommandErrors.Success;
        });
        return command;
    }
}
