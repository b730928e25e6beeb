using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>Cuts → <see cref="AsrBatch"/> for a CTC model: 80-bin Kaldi fbank (no dither, so a
/// batch depends on its cuts alone), each utterance's mean removed per bin, SpecAugment when
/// training (its masks seeded from the batch's cut ids, so a resumed run sees the same masks), and
/// the transcript as CTC units.</summary>
public sealed class CtcBatchBuilder : IDisposable
{
    readonly CtcVocabulary vocabulary;
    readonly KaldiFbank fbank;
    readonly SpecAugment? augment;
    readonly int seed;
    readonly Device device;

    public CtcBatchBuilder(CtcVocabulary vocabulary, int melBins, SpecAugmentOptions? specAugment = null, int seed = 0, Device? device = null)
    {
        this.vocabulary = vocabulary;
        this.device = device ?? CPU;
        fbank = new KaldiFbank(new KaldiFbankOptions { MelBins = melBins, Dither = 0 }, this.device);
        augment = specAugment is null ? null : new SpecAugment(specAugment);
        this.seed = seed;
    }

    /// <summary>Normalised features <c>[B, T, F]</c> and frame counts of raw 16 kHz waveforms.</summary>
    public (Tensor Features, Tensor Lengths) Features(IReadOnlyList<float[]> audio)
    {
        using var scope = NewDisposeScope();
        var (features, lengths) = fbank.ExtractBatch(audio);
        var valid = Scalars.Arange(0, features.shape[1], device).unsqueeze(0).lt(lengths.unsqueeze(1)).unsqueeze(2); // [B, T, 1]
        var mean = (features * valid).sum(1, keepdim: true) / lengths.clamp_min(Scalars.One).view(-1, 1, 1);
        features = ((features - mean) * valid).MoveToOuterDisposeScope();
        return (features, lengths.MoveToOuterDisposeScope());
    }

    public AsrBatch Build(IReadOnlyList<Cut> cuts)
    {
        using var scope = NewDisposeScope();
        var texts = cuts.Select(c => c.Text ?? throw new ManifestException($"cut '{c.Id}' has no transcript to train on")).ToList();
        var (features, lengths) = Features(cuts.Select(c => CutAudio.Read(c, 16000)).ToList());
        if (augment is not null) features = augment.Apply(features, lengths, SpecAugment.RandomFor(seed, cuts.Select(c => c.Id)));
        var (targets, targetLengths) = vocabulary.Targets(texts, device);
        return new AsrBatch(features.MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope(),
            targets.MoveToOuterDisposeScope(), targetLengths.MoveToOuterDisposeScope(),
            cuts.Select(c => c.Id).ToList());
    }

    public void Dispose() => fbank.Dispose();
}
