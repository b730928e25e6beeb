using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Cuts → <see cref="WhisperBatch"/>: audio read at 16 kHz and fitted to the model's window,
/// Whisper log-mel, and the token sequence <c>&lt;|startoftranscript|&gt; &lt;|notimestamps|&gt; text
/// &lt;|endoftext|&gt;</c> split into decoder input and shifted labels. The text is the cut's
/// transcript unless <paramref name="textOf"/> picks another (a pseudo-label). When
/// <paramref name="previousOf"/> gives a cut a previous text, the sequence starts with
/// <c>&lt;|startofprev|&gt;</c> and that text (its last half-context tokens), learned from but never
/// predicted: Whisper's condition-on-previous-text prompt. A <see cref="WhisperAugmentation"/> masks the
/// speech's log-mel (never the window's padding) and replaces a share of the decoder's text inputs.</summary>
public sealed class WhisperBatchBuilder : IDisposable
{
    readonly WhisperTokenizer tokenizer;
    readonly WhisperConfig config;
    readonly Device device;
    readonly Func<Cut, string?> textOf;
    readonly Func<Cut, string?>? previousOf;
    readonly Ctc.CtcVocabulary? characters;
    readonly Func<Cut, float[]> audioOf;
    readonly WhisperLogMel extractor; // read-only tensors: safe for the loader's parallel builds
    readonly SpecAugment? augment;
    readonly WhisperAugmentation augmentation;

    public WhisperBatchBuilder(WhisperTokenizer tokenizer, WhisperConfig config, Device? device = null, Func<Cut, string?>? textOf = null,
        Func<Cut, string?>? previousOf = null, Ctc.CtcVocabulary? ctcCharacters = null, Func<Cut, float[]>? audioOf = null,
        WhisperAugmentation? augmentation = null)
    {
        // Another vocabulary numbers its tokens differently: the model would learn the wrong ids.
        if (tokenizer.VocabularySize != config.VocabSize)
            throw new ConfigException($"the tokenizer has {tokenizer.VocabularySize} tokens but the model {config.VocabSize}: train with the model's own tokenizer " +
                "(its folder's vocab.json and merges.txt, or tokenizer.json)");
        this.augmentation = augmentation ?? new WhisperAugmentation();
        augment = this.augmentation.SpecAugment is { } masks ? new SpecAugment(masks) : null;
        // Packed cuts (SpeakerPacking) bring their own reader: their record spans only the first member.
        this.audioOf = audioOf ?? (cut => CutAudio.Read(cut, WhisperLogMelOptions.SampleRate));
        this.previousOf = previousOf;
        characters = ctcCharacters;
        this.tokenizer = tokenizer;
        this.config = config;
        this.device = device ?? CPU;
        this.textOf = textOf ?? (cut => cut.Text);
        extractor = new WhisperLogMel(new WhisperLogMelOptions { MelBins = config.NumMelBins, PadToThirtySeconds = false }, this.device);
    }

    public int WindowSamples => AudioWindow.Samples(config);

    /// <summary>Prompt, text and end token of one transcript, after an optional previous-text prompt.</summary>
    public List<long> TokenSequence(string text, string? previous = null) => TokenSequenceWithPrompt(text, previous).Sequence;

    /// <summary>The sequence and how many of its tokens are given rather than learned (the
    /// previous-text prompt and the task prompt).</summary>
    public (List<long> Sequence, int Given) TokenSequenceWithPrompt(string text, string? previous = null)
    {
        var special = tokenizer.Special;
        var prompt = special.EnglishPrompt();
        var own = Encode(text);
        var sequence = new List<long>();
        if (!string.IsNullOrWhiteSpace(previous))
        {
            // distil-whisper keeps the last max_label_length // 2 tokens; fewer when the whole must still fit.
            var context = Encode(previous);
            int room = config.MaxTargetPositions - 1 - prompt.Count - own.Count; // the decoder input (all but the last token) must fit
            int keep = Math.Min(context.Count, Math.Min(config.MaxTargetPositions / 2 - 1, room));
            if (keep > 0)
            {
                sequence.Add(special.StartOfPrevious);
                sequence.AddRange(context.Skip(context.Count - keep));
            }
        }
        sequence.AddRange(prompt);
        int given = sequence.Count;
        sequence.AddRange(own);
        sequence.Add(special.EndOfText);
        return (sequence, given);
    }

    List<long> Encode(string text) => tokenizer.Encode(" " + TranscriptCasing.ForTraining(text.Trim())).Select(id => (long)id).ToList();

    public WhisperBatch Build(IReadOnlyList<Cut> cuts)
    {
        using var scope = NewDisposeScope();
        var sequences = new List<List<long>>();
        var given = new List<int>();
        var audio = new List<float[]>();
        var speechFrames = new List<long>();
        foreach (var cut in cuts)
        {
            string text = textOf(cut) ?? throw new ManifestException($"cut '{cut.Id}' has no transcript to train on");
            var (sequence, prompt) = TokenSequenceWithPrompt(text, previousOf?.Invoke(cut));
            if (sequence.Count - 1 > config.MaxTargetPositions)
                throw new ManifestException($"cut '{cut.Id}': {sequence.Count} tokens exceed the decoder's {config.MaxTargetPositions} positions");
            sequences.Add(sequence);
            given.Add(prompt);
            var samples = audioOf(cut);
            speechFrames.Add(Math.Min(samples.Length, WindowSamples) / WhisperLogMelOptions.HopLength);
            audio.Add(AudioWindow.Fit(samples, WindowSamples));
        }

        var (mel, _) = extractor.ExtractBatch(audio); // [B, T, F]
        // Masks fall on the speech, not on the window's padding (seeded by the cut ids: resumable).
        if (augment is not null)
            mel = augment.Apply(mel, tensor(speechFrames.ToArray(), device: device), SpecAugment.RandomFor(augmentation.Seed, cuts.Select(c => c.Id)));
        int length = sequences.Max(s => s.Count) - 1;
        var inputs = new long[cuts.Count * length];
        var labels = new long[cuts.Count * length];
        for (int b = 0; b < cuts.Count; b++)
            for (int u = 0; u < length; u++)
            {
                var s = sequences[b];
                inputs[b * length + u] = u < s.Count - 1 ? s[u] : tokenizer.Special.EndOfText;
                // Position u predicts token u+1; the prompts' own tokens are given, not learned.
                labels[b * length + u] = u + 1 < s.Count && u + 1 >= given[b] ? s[u + 1] : WhisperBatch.Ignore;
            }
        // The text inputs are given[b] .. Count − 2 (the last input precedes end-of-text); another salt than SpecAugment's.
        augmentation.InputNoise?.Apply(inputs, length, given, sequences.Select(s => s.Count - 1).ToList(),
            SpecAugment.RandomFor(augmentation.Seed ^ 0x5EED, cuts.Select(c => c.Id)));
        var (ctcTargets, ctcLengths) = characters is null ? (null, null) : characters.Targets(cuts.Select(c => textOf(c)!).ToList(), device);
        var batch = new WhisperBatch(
            mel.transpose(1, 2).contiguous().MoveToOuterDisposeScope(),
            tensor(inputs, new long[] { cuts.Count, length }, device: device).MoveToOuterDisposeScope(),
            tensor(labels, new long[] { cuts.Count, length }, device: device).MoveToOuterDisposeScope(),
            cuts.Select(c => c.Id).ToList(), ctcTargets?.MoveToOuterDisposeScope(), ctcLengths?.MoveToOuterDisposeScope());
        return batch;
    }

    public void Dispose() => extractor.Dispose();
}
