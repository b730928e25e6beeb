using Speech.Asr.Inference;
using Speech.Asr.Whisper.Decoding;
using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Engines;

/// <summary>Our TorchSharp Whisper as a transcription engine: batched log-mel, encoder and greedy
/// decoding with the KV cache. Decoding follows whisper.cpp's greedy defaults (English prompt
/// without timestamps; blank and end-of-text suppressed at the first step; special tokens other
/// than end-of-text never emitted) so the two engines are comparable token for token.</summary>
public sealed class TorchWhisperEngine : ITranscriptionEngine
{
    readonly WhisperModel model;
    readonly WhisperTokenizer tokenizer;
    readonly WhisperLogMel features;
    readonly Device device;
    readonly int batchSize;
    readonly GreedyOptions options;
    readonly bool fullProjection;
    readonly int beamSize;
    readonly WhisperCtcHead? ctcHead;
    readonly double ctcWeight;
    TopTokenSearch? search; // built at first use, once the model's weights and precision are final

    /// <param name="settings">How to decode (default: greedy, no timestamps, 8 utterances a batch).</param>
    /// <param name="ctcHead">The head for joint CTC/attention decoding (<see cref="WhisperDecodingSettings.CtcWeight"/> above 0).</param>
    public TorchWhisperEngine(WhisperModel model, WhisperTokenizer tokenizer, WhisperDecodingSettings? settings = null, Device? device = null,
        WhisperCtcHead? ctcHead = null)
    {
        settings ??= new WhisperDecodingSettings();
        settings.Validate(ctcHead is not null);
        this.ctcHead = ctcHead;
        ctcWeight = settings.CtcWeight;
        beamSize = settings.BeamSize;
        fullProjection = settings.FullProjection;
        this.model = model;
        this.tokenizer = tokenizer;
        this.device = device ?? CPU;
        batchSize = settings.BatchSize;
        features = new WhisperLogMel(new WhisperLogMelOptions { MelBins = model.Config.NumMelBins, PadToThirtySeconds = false }, this.device);
        options = DefaultOptions(tokenizer, model.Config.VocabSize, settings.MaxNewTokens, settings.Timestamps, model.Generation);
    }

    /// <summary>An engine over a loaded model, on its device, with its tokenizer and CTC head.</summary>
    public TorchWhisperEngine(LoadedWhisper whisper, WhisperDecodingSettings? settings = null)
        : this(whisper.Model, whisper.Tokenizer, settings, whisper.Device, whisper.CtcHead)
    {
    }

    public string Name => "torch";

    /// <summary>The greedy options this engine decodes with (prompt, suppress lists, limits).</summary>
    public GreedyOptions Options => options;

    /// <summary>How this engine picks tokens; build it only once the model's weights and precision are final.</summary>
    public TopTokenSearch Search => search ??= fullProjection ? TopTokenSearch.Full(model) : new TopTokenSearch(model);

    /// <summary>Samples in the model's audio window: two mel frames of 160 samples per encoder position
    /// (480,000 = 30 s for Whisper's 1500 positions).</summary>
    public int WindowSamples => AudioWindow.Samples(model.Config);

    /// <param name="timestamps">With timestamps the prompt has no <c>&lt;|notimestamps|&gt;</c>, the
    /// timestamp tokens may be emitted and Whisper's timestamp rules apply.</param>
    /// <param name="generation">A model folder's generation config: its suppress lists join ours
    /// (special tokens are never emitted either way), its begin list replaces ours, its max_length
    /// caps the length.</param>
    public static GreedyOptions DefaultOptions(WhisperTokenizer tokenizer, int vocabularySize, int maxNewTokens = 224, bool timestamps = false,
        WhisperGenerationConfig? generation = null)
    {
        var special = tokenizer.Special;
        int lastNever = timestamps ? special.TimestampBegin : vocabularySize; // special tokens other than the timestamps
        var neverEmit = Enumerable.Range(special.StartOfTranscript, lastNever - special.StartOfTranscript).Select(i => (long)i)
            .Concat((generation?.SuppressTokens ?? []).Where(id => id < lastNever)).Distinct().Order().ToList();
        var blank = tokenizer.Encode(" ");
        var prompt = special.EnglishPrompt(timestamps);
        if (generation?.MaxLength is { } length) maxNewTokens = Math.Max(0, Math.Min(maxNewTokens, length - prompt.Count));
        return new GreedyOptions(prompt, special.EndOfText, maxNewTokens, neverEmit,
            generation?.BeginSuppressTokens ?? new long[] { blank[0], special.EndOfText }, timestamps ? TimestampRules.For(special) : null);
    }

    public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio)
    {
        var results = new List<Transcript>(audio.Count);
        for (int start = 0; start < audio.Count; start += batchSize)
            results.AddRange(TranscribeBatch(audio.Skip(start).Take(batchSize).ToList()));
        return results;
    }

    /// <summary>Encoder input <c>[B, n_mels, 2·positions]</c>: each waveform padded or trimmed to the
    /// window, in the model's precision.</summary>
    public Tensor Features(IReadOnlyList<float[]> audio)
    {
        using var scope = NewDisposeScope();
        var windows = audio.Select(a => AudioWindow.Fit(a, WindowSamples)).ToList();
        var (mel, _) = features.ExtractBatch(windows); // [B, T, F]
        return mel.transpose(1, 2).contiguous().to(model.parameters().First().dtype).MoveToOuterDisposeScope();
    }

    List<Transcript> TranscribeBatch(IReadOnlyList<float[]> audio)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var states = model.Encode(Features(audio));
        var decoded = ctcWeight > 0
            ? JointCtcBeamSearch.Decode(model, ctcHead!, states, options, tokens => ctcHead!.UnitsOf(tokenizer.Decode(tokens)), ctcWeight, beamSize)
                .Select(r => r.Tokens).ToList()
            : beamSize > 1 ? BeamSearchDecoder.Decode(model, states, options, beamSize) : GreedyDecoder.Decode(model, states, options, Search);
        return decoded
            .Select((tokens, i) => new Transcript(tokenizer.Decode(tokens).Trim(), tokens, options.Timestamps is null ? null
                : TimestampSegments.Split(tokens, tokenizer.Special.TimestampBegin, Math.Min(audio[i].Length, WindowSamples) / 16000.0)))
            .ToList();
    }

    public void Dispose()
    {
        features.Dispose();
        search?.Dispose();
    }
}
