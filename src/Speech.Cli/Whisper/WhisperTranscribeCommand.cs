using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper.Engines;
using System.CommandLine;
using TorchSharp;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;
using Speech.Core.Audio;
using Speech.Core.Errors;
using Speech.Core.Runtime;

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
            GlobalOptions.ApplyThreads(parse);
            var writer = parse.InvocationConfiguration.Output;
            bool timed = parse.GetValue(timestamps);
            var (beamSize, weight) = decoding.Read(parse);
            using var recognizer = Open(parse.GetValue(model)!, parse.GetValue(engine)!, parse.GetValue(GlobalOptions.Device) ?? "auto", parse.GetValue(batch),
                parse.GetValue(overlap), timed, beamSize, weight, parse.GetValue(ctcHead), out var tokenizer);
            if (parse.GetValue(manifest) is { } manifestPath)
            {
                string outPath = parse.GetValue(output) ?? throw new ConfigException("--manifest needs --out HYPS.jsonl");
                var job = new TranscriptionJob(recognizer, parse.GetValue(batch));
                var outcome = ConsoleProgress.Run(writer, $"transcribe ({recognizer.Name})", progress => job.Run(manifestPath, outPath, progress));
                writer.WriteLine($"{outcome.Total} cuts: {outcome.AlreadyDone} already done, {outcome.Transcribed} transcribed -> {outPath}");
                return CommandErrors.Success;
            }
            string[] audio = parse.GetValue(files) ?? Array.Empty<string>();
            if (audio.Length == 0) throw new ConfigException("give audio files or --manifest");
            var transcripts = recognizer.Transcribe(audio.Select(f => AudioReader.Read(f, targetRate: 16000)).ToList());
            for (int i = 0; i < audio.Length; i++)
            {
                if (transcripts[i].Segments is not { } segments) { writer.WriteLine($"{audio[i]}\t{transcripts[i].Text}"); continue; }
                foreach (var segment in segments)
                    writer.WriteLine(FormattableString.Invariant($"{audio[i]}\t[{segment.Start:F2} -> {segment.End:F2}]\t{tokenizer!.Decode(segment.Tokens).Trim()}"));
            }
            return CommandErrors.Success;
        });
        return command;
    }

    static ITranscriptionEngine Open(string modelPath, string engine, string device, int batchSize, double overlap, bool timestamps, int beam,
        double ctcWeight, string? ctcHeadFolder, out WhisperTokenizer? tokenizer)
    {
        if (beam > 1 && timestamps) throw new ConfigException("--beam decodes without timestamps; drop one of --beam and --timestamps");
        if (ctcHeadFolder is not null && ctcWeight == 0) throw new ConfigException("--ctc-head names the head for --ctc-weight; give --ctc-weight too");
        if (ctcWeight > 0 && timestamps) throw new ConfigException("--ctc-weight decodes without timestamps; drop one of --ctc-weight and --timestamps");
        bool ggml = WhisperModelFiles.IsGgml(modelPath);
        tokenizer = null;
        if (engine == "whisper.net" || (engine == "auto" && ggml))
        {
            if (timestamps) throw new ConfigException("--timestamps is for the torch engine (our decoder); give a model folder or --engine torch");
            if (beam > 1) throw new ConfigException("--beam is for the torch engine (our decoder); give a model folder or --engine torch");
            if (ctcWeight > 0) throw new ConfigException("--ctc-weight is for the torch engine (our decoder) with a model folder that has a CTC head");
            if (!ggml) throw new ConfigException($"--engine whisper.net needs a ggml file; {modelPath} is a folder (export it with `speech whisper export --format ggml`)");
            return new WhisperNetEngine(modelPath);
        }
        string headFolder = ctcHeadFolder ?? modelPath;
        if (ctcWeight > 0 && !Directory.Exists(headFolder))
            throw new ConfigException($"--ctc-weight needs a model folder with a CTC head; {headFolder} is no folder");
        var model = WhisperModelFiles.Load(modelPath);
        // The head's errors name its folder; the model loaded above is released with them.
        WhisperCtcHead? head = null;
        if (ctcWeight > 0)
        {
            try { head = WhisperCtcHead.Load(headFolder, model.Config); }
            catch { model.Dispose(); throw; }
        }
        var resolved = DeviceChoice.Resolve(device);
        model.to(resolved);
        var text = tokenizer = WhisperTokenizer.ForModel(modelPath, model.Config.VocabSize);
        var torchEngine = new TorchWhisperEngine(model, text, resolved, batchSize, timestamps: timestamps, beamSize: beam, ctcHead: head, ctcWeight: ctcWeight);
        if (timestamps) return new SingleWindowEngine(torchEngine, torchEngine.WindowSamples);
        // Default overlap: a sixth of the window on each side, as the transformers pipeline strides.
        double seconds = overlap >= 0 ? overlap : torchEngine.WindowSamples / 16000.0 / 6;
        return new ChunkedTranscriber(torchEngine, torchEngine.WindowSamples, seconds, tokens => text.Decode(tokens));
    }
}
