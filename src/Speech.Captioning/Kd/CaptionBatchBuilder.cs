using Speech.Captioning.Data;
using Speech.Captioning.Model;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>Cuts → <see cref="CaptionBatch"/>: log-mel, SpecAugment when training, one of each clip's
/// reference captions (drawn from a generator seeded by the batch's cut ids, so a resumed run draws
/// the same), and the cached teacher caption and embedding when given. A cut with neither
/// <c>captions</c> nor text is audio-only.</summary>
public sealed class CaptionBatchBuilder(CaptionVocabulary vocabulary, CaptionConfig config,
    IReadOnlyDictionary<string, TeacherTarget>? teacher = null, SpecAugmentOptions? specAugment = null, int seed = 0, Device? device = null) : IDisposable
{
    readonly CaptionFeatures features = new(config.FeatureDim, device);
    readonly SpecAugment? augment = specAugment is null ? null : new SpecAugment(specAugment);
    readonly Device device = device ?? CPU;

    public CaptionBatch Build(IReadOnlyList<Cut> cuts)
    {
        using var scope = NewDisposeScope();
        var ids = cuts.Select(c => c.Id).ToList();
        var (feats, lengths) = features.Extract(cuts.Select(c => CutAudio.Read(c, CaptionFeatures.SampleRate)).ToList());
        if (augment is not null) feats = augment.Apply(feats, lengths, SpecAugment.RandomFor(seed, ids));
        var random = SpecAugment.RandomFor(seed + 1, ids);
        var captions = cuts.Select(c => ReferenceCaption(c, random)).ToList();
        var (inputs, targets) = Tokens(captions);
        Tensor? teacherInputs = null, teacherTargets = null, teacherEmbeddings = null;
        if (teacher is not null)
        {
            var targetsOfCuts = cuts.Select(c => teacher.TryGetValue(c.Id, out var t) ? t
                : throw new ManifestException($"cut '{c.Id}' has no cached teacher target (run the teacher-targets stage on this manifest)")).ToList();
            (teacherInputs, teacherTargets) = Tokens(targetsOfCuts.Select(t => (string?)t.Caption).ToList());
            teacherEmbeddings = stack(targetsOfCuts.Select(t => tensor(t.Embedding)).ToArray()).to(device); // [B, Et]
        }
        return new CaptionBatch(feats.MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope(), inputs.MoveToOuterDisposeScope(),
            targets.MoveToOuterDisposeScope(), teacherInputs?.MoveToOuterDisposeScope(), teacherTargets?.MoveToOuterDisposeScope(),
            teacherEmbeddings?.MoveToOuterDisposeScope(), ids);
    }

    /// <summary>One of the cut's captions, or null for an audio-only cut.</summary>
    static string? ReferenceCaption(Cut cut, Random random)
    {
        bool hasCaptions = cut.Extras?.ContainsKey(CaptionTextFiles.CaptionsExtra) == true;
        if (!hasCaptions && string.IsNullOrWhiteSpace(cut.Text)) return null;
        var all = CaptionTextFiles.CutCaptions(cut, "manifest");
        return all[random.Next(all.Length)];
    }

    /// <summary>Decoder inputs (bos + words, padded with pad) and targets (words + eos, −100 padding;
    /// all −100 for a missing caption), both <c>[B, U]</c>.</summary>
    (Tensor Inputs, Tensor Targets) Tokens(IReadOnlyList<string?> captions)
    {
        var encoded = captions.Select(c => c is null ? null : vocabulary.Encode(c, config.MaxLength)).ToList();
        int width = encoded.Max(e => e?.Length ?? 0) + 1;
        var inputs = new long[captions.Count * width];
        var targets = Enumerable.Repeat(CaptionBatch.IgnoreIndex, captions.Count * width).ToArray();
        for (int b = 0; b < encoded.Count; b++)
        {
            inputs[b * width] = CaptionVocabulary.Bos;
            if (encoded[b] is not { } words) continue;
            for (int u = 0; u < words.Length; u++)
            {
                inputs[b * width + u + 1] = words[u];
                targets[b * width + u] = words[u];
            }
            targets[b * width + words.Length] = CaptionVocabulary.Eos;
        }
        return (tensor(inputs, [captions.Count, width], device: device), tensor(targets, [captions.Count, width], device: device));
    }

    public void Dispose() => features.Dispose();
}
