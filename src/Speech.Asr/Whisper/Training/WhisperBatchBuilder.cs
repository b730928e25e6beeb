using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Cuts → <see cref="WhisperBatch"/>: audio read at 16 kHz and fitted to the model's window,
/// Whisper log-mel, and the token sequence <c>&lt;|startoftranscript|&gt; &lt;|notimestamps|&gt; text
/// &lt;|endoftext|&gt;</c> split into decoder input and shifted labels. The text is the cut's
/// transcript unless <paramref name="textOf"/> picks another (a pseudo-label).</summary>
public sealed class WhisperBatchBuilder : IDisposable
{
    readonly WhisperTokenizer tokenizer;
    readonly WhisperConfig config;
    readonly Device device;
    readonly Func<Cut, string?> textOf;
    readonly WhisperLogMel extractor; // read-only tensors: safe for the loader's parallel builds

    public WhisperBatchBuilder(WhisperTokenizer tokenizer, WhisperConfig config, Device? device = null, Func<Cut, string?>? textOf = null)
    {
        this.tokenizer = tokenizer;
        this.config = config;
        this.device = device ?? CPU;
        this.textOf = textOf ?? (cut => cut.Text);
        extractor = new WhisperLogMel(new WhisperLogMelOptions { MelBins = config.NumMelBins, PadToThirtySeconds = false }, this.device);
    }

    public int WindowSamples => AudioWindow.Samples(config);

    /// <summary>Prompt, text and end token of one transcript.</summary>
    public List<long> TokenSequence(string text)
    {
        var special = tokenizer.Special;
        var sequence = special.EnglishPrompt().ToList();
        sequence.AddRange(tokenizer.Encode(" " + TranscriptCasing.ForTraining(text.Trim())).Select(id => (long)id));
        sequence.Add(special.EndOfText);
        return sequence;
    }

    public WhisperBatch Build(IReadOnlyList<Cut> cuts)
    {
        using var scope = NewDisposeScope();
        var sequences = new List<List<long>>();
        var audio = new List<float[]>();
        foreach (var cut in cuts)
        {
            string text = textOf(cut) ?? throw new ManifestException($"cut '{cut.Id}' has no transcript to train on");
            var sequence = TokenSequence(text);
            if (sequence.Count - 1 > config.MaxTargetPositions)
                throw new ManifestException($"cut '{cut.Id}': {sequence.Count} tokens exceed the decoder's {config.MaxTargetPositions} positions");
            sequences.Add(sequence);
            audio.Add(AudioWindow.Fit(AudioReader.Read(cut, WhisperLogMelOptions.SampleRate), WindowSamples));
        }

        var (mel, _) = extractor.ExtractBatch(audio); // [B, T, F]
        int length = sequences.Max(s => s.Count) - 1;
        var inputs = new long[cuts.Count * length];
        var labels = new long[cuts.Count * length];
        int prompt = tokenizer.Special.EnglishPrompt().Count;
        for (int b = 0; b < cuts.Count; b++)
            for (int u = 0; u < length; u++)
            {
                var s = sequences[b];
                inputs[b * length + u] = u < s.Count - 1 ? s[u] : tokenizer.Special.EndOfText;
                // Position u predicts token u+1; the prompt's own tokens are given, not learned.
                labels[b * length + u] = u + 1 < s.Count && u + 1 >= prompt ? s[u + 1] : WhisperBatch.Ignore;
            }
        var batch = new WhisperBatch(
            mel.transpose(1, 2).contiguous().MoveToOuterDisposeScope(),
            tensor(inputs, new long[] { cuts.Count, length }, device: device).MoveToOuterDisposeScope(),
            tensor(labels, new long[] { cuts.Count, length }, device: device).MoveToOuterDisposeScope(),
            cuts.Select(c => c.Id).ToList());
        return batch;
    }

    public void Dispose() => extractor.Dispose();
}
