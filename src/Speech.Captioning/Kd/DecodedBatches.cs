using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Captioning.Kd;

/// <summary>Cuts in batches with their 16 kHz audio; a clip whose audio cannot be decoded is left out
/// of its batch and listed in <see cref="Undecodable"/> ("id: reason"), so callers report and count it.</summary>
public sealed class DecodedBatches(IEnumerable<Cut> cuts, int batchSize)
{
    readonly List<string> undecodable = [];

    public IReadOnlyList<string> Undecodable => undecodable;

    /// <summary>The batches, each with at least one decodable clip.</summary>
    public IEnumerable<IReadOnlyList<(Cut Cut, float[] Samples)>> Read()
    {
        foreach (var batch in cuts.Chunk(batchSize))
        {
            var audio = new List<(Cut, float[])>();
            foreach (var cut in batch)
            {
                try { audio.Add((cut, CutAudio.Read(cut, CaptionFeatures.SampleRate))); }
                catch (AudioFormatException e) { undecodable.Add($"{cut.Id}: {e.Message}"); }
            }
            if (audio.Count > 0) yield return audio;
        }
    }
}
