using System.Diagnostics;
using Speech.Asr.Inference;
using Speech.Asr.Whisper.Decoding;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper.Loading;
using Speech.Core.Data;
using Speech.Core.Text;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.DistilWhisper;

/// <summary>Teacher and students on a test set, as distil-whisper compares them: WER, parameter
/// counts, and the time spent in the encoder and in the decoding loop (what a shallow decoder
/// shrinks), each measured apart; and long-form, where each speaker's cuts are one recording.</summary>
public static class WhisperEvaluation
{
    /// <summary>Each model (name, HF folder or ggml file) loaded in turn on <paramref name="device"/> in
    /// <paramref name="precision"/> and evaluated on every cut of <paramref name="manifestPath"/>
    /// (short-form rows, then the long-form rows when asked), scored after Whisper's English normaliser.</summary>
    public static (IReadOnlyList<WhisperEvaluationRow> ShortForm, IReadOnlyList<WhisperEvaluationRow> LongForm) Run(
        IReadOnlyList<(string Name, string Path)> models, string manifestPath, Device device, Precision precision, int batchSize, bool fullProjection, bool longForm)
    {
        var cuts = Manifest.Read(manifestPath).ToList();
        var audio = cuts.Select(c => CutAudio.Read(c, 16000)).ToList();
        var scorer = new WerScorer(new WhisperEnglishNormalizer());
        var rows = new List<WhisperEvaluationRow>();
        var longRows = new List<WhisperEvaluationRow>();
        foreach (var (name, path) in models)
        {
            using var whisper = WhisperLoader.Load(path, device, precision);
            rows.Add(ShortForm(name, whisper, cuts, audio, scorer, batchSize, fullProjection));
            if (longForm) longRows.Add(LongForm(name, whisper, cuts, audio, scorer, batchSize));
        }
        return (rows, longRows);
    }

    /// <summary>Greedy decoding of every cut in batches of <paramref name="batchSize"/> after one
    /// untimed warm-up; the encoder is waited for before the decoding clock starts.</summary>
    public static WhisperEvaluationRow ShortForm(string name, LoadedWhisper whisper, IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> audio, WerScorer scorer,
        int batchSize, bool fullProjection)
    {
        var model = whisper.Model;
        using var engine = new TorchWhisperEngine(whisper, new WhisperDecodingSettings { BatchSize = batchSize, FullProjection = fullProjection });
        engine.Transcribe(audio.Take(1).ToList()); // warm-up
        double encoderSeconds = 0, decodeSeconds = 0;
        var texts = new List<string>();
        long tokens = 0;
        foreach (var chunk in audio.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var features = engine.Features(chunk);
            var clock = Stopwatch.StartNew();
            var states = model.Encode(features);
            _ = states.sum().to(ScalarType.Float32).item<float>(); // wait for the encoder (asynchronous on CUDA)
            encoderSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            var decoded = GreedyDecoder.Decode(model, states, engine.Options, engine.Search);
            decodeSeconds += clock.Elapsed.TotalSeconds;
            texts.AddRange(decoded.Select(d => whisper.Tokenizer.Decode(d).Trim()));
            tokens += decoded.Sum(d => d.Length);
        }
        var wer = scorer.Score(cuts.Select((c, i) => (c.Id, c.Text ?? "", texts[i])));
        return new WhisperEvaluationRow(name, model.ParameterCount(), model.Decoder.LayerParameterCount, wer, encoderSeconds, decodeSeconds, tokens);
    }

    /// <summary>Each speaker's cuts as one recording (<see cref="LongFormRecordings.BySpeaker"/>),
    /// transcribed by overlapping windows (a sixth of the window on each side) and joined where the
    /// windows' tokens agree; encoder and decoding timed together.</summary>
    public static WhisperEvaluationRow LongForm(string name, LoadedWhisper whisper, IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> audio, WerScorer scorer,
        int batchSize)
    {
        var recordings = LongFormRecordings.BySpeaker(cuts, audio);
        var engine = new TorchWhisperEngine(whisper, new WhisperDecodingSettings { BatchSize = batchSize });
        using var chunked = new ChunkedTranscriber(engine, engine.WindowSamples, engine.WindowSamples / 16000.0 / 6, t => whisper.Tokenizer.Decode(t));
        var clock = Stopwatch.StartNew();
        var transcripts = chunked.Transcribe(recordings.Select(r => r.Audio).ToList());
        double seconds = clock.Elapsed.TotalSeconds;
        var wer = scorer.Score(recordings.Select((r, i) => (r.Id, r.Reference, transcripts[i].Text)));
        var model = whisper.Model;
        return new WhisperEvaluationRow(name, model.ParameterCount(), model.Decoder.LayerParameterCount, wer, 0, seconds,
            transcripts.Sum(t => t.Tokens.Count));
    }
}
