using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Verification.Training;

/// <summary>Kaldi fbank frames of a manifest's cuts, held in memory with per-utterance mean
/// normalisation (CMN, as WeSpeaker's recipes apply), plus the sorted speaker list that fixes the
/// class indexes. Fits the synthetic corpus and small eval sets; a VoxCeleb-sized training set would
/// read precomputed features instead (<c>speech features extract</c>).</summary>
public sealed class SpeakerFeatureSet
{
    SpeakerFeatureSet(IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> frames, int dimension, IReadOnlyList<string> speakers)
    {
        Cuts = cuts;
        Frames = frames;
        Dimension = dimension;
        Speakers = speakers;
        SpeakerIndex = speakers.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<Cut> Cuts { get; }
    /// <summary>Row-major <c>[T, F]</c> per cut.</summary>
    public IReadOnlyList<float[]> Frames { get; }
    public int Dimension { get; }
    /// <summary>Speaker ids, ordinal-sorted; a speaker's class index is its position.</summary>
    public IReadOnlyList<string> Speakers { get; }
    public IReadOnlyDictionary<string, int> SpeakerIndex { get; }

    public int FrameCount(int cut) => Frames[cut].Length / Dimension;

    /// <param name="needSpeakers">Training needs a speaker on every cut; embedding does not.</param>
    public static SpeakerFeatureSet Load(string manifestPath, int melBins = 80, bool needSpeakers = true, IProgress<WorkProgress>? progress = null)
    {
        var cuts = Manifest.Read(manifestPath).ToList();
        if (cuts.Count == 0) throw new ManifestException($"{manifestPath}: no cuts");
        if (needSpeakers && cuts.FirstOrDefault(c => string.IsNullOrEmpty(c.Speaker)) is { } unnamed)
            throw new ManifestException($"{manifestPath}: cut '{unnamed.Id}' has no speaker");
        using var extractor = FeatureExtractors.Create("fbank", melBins);
        var frames = new List<float[]>(cuts.Count);
        foreach (var cut in cuts)
        {
            using var scope = NewDisposeScope();
            var features = extractor.Extract(CutAudio.Read(cut, extractor.SampleRate)); // [T, F]
            if (features.shape[0] == 0) throw new ManifestException($"{manifestPath}: cut '{cut.Id}' is too short for one fbank frame");
            frames.Add(features.sub(features.mean([0], keepdim: true)).contiguous().data<float>().ToArray());
            progress?.Report(new WorkProgress(frames.Count, cuts.Count, cut.Id));
        }
        return FromFrames(cuts, frames, extractor.Dimension);
    }

    /// <summary>A set over frames computed elsewhere (row-major <c>[T, F]</c> per cut, normalised as wanted).</summary>
    public static SpeakerFeatureSet FromFrames(IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> frames, int dimension) =>
        new(cuts, frames, dimension, cuts.Select(c => c.Speaker ?? "").Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList());

    /// <summary>The chosen cuts as a zero-padded batch <c>[B, T, F]</c> with frame counts <c>[B]</c>; a cut
    /// longer than <paramref name="maxFrames"/> is cropped at <paramref name="cropStart"/>'s offset (or its start).</summary>
    public (Tensor Features, Tensor Lengths) Batch(IReadOnlyList<int> chosen, int maxFrames = int.MaxValue, Func<int, int>? cropStart = null)
    {
        var counts = chosen.Select(i => Math.Min(FrameCount(i), maxFrames)).ToArray();
        int longest = counts.Max();
        var data = new float[chosen.Count * longest * Dimension];
        for (int b = 0; b < chosen.Count; b++)
        {
            int start = FrameCount(chosen[b]) > counts[b] ? (cropStart?.Invoke(FrameCount(chosen[b]) - counts[b] + 1) ?? 0) : 0;
            Array.Copy(Frames[chosen[b]], start * Dimension, data, b * longest * Dimension, counts[b] * Dimension);
        }
        return (tensor(data, [chosen.Count, longest, Dimension]), tensor(counts.Select(c => (long)c).ToArray()));
    }
}
