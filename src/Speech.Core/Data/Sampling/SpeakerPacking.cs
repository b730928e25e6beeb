
namespace Speech.Core.Data.Sampling;

/// <summary>Same-speaker packing, as distil-whisper packs a speaker's consecutive segments into one
/// 30 s window: cuts of one speaker are joined, a short silence apart, into packs no longer than a
/// window. A model with a fixed window (Whisper pads every input to it) then spends its compute on
/// speech instead of padding, and learns transcripts of several sentences. Each pack is a
/// <see cref="Cut"/> (the first member's record, id <c>a+b+…</c>, duration of the joined audio,
/// transcripts joined by a space), so samplers and batch builders take packs as they take cuts;
/// <see cref="Audio"/> reads a pack's joined samples.</summary>
public sealed class SpeakerPacking
{
    readonly Dictionary<string, IReadOnlyList<Cut>> members = new(StringComparer.Ordinal);
    readonly double gapSeconds;

    public IReadOnlyList<Cut> Packs { get; }

    /// <param name="cuts">Cuts with transcripts; a cut longer than the window becomes its own pack.</param>
    /// <param name="windowSeconds">Longest pack, gaps included.</param>
    /// <param name="gapSeconds">Silence between two members.</param>
    /// <param name="seed">Which cuts of a speaker go together (shuffled per speaker, then filled in order).</param>
    public SpeakerPacking(IReadOnlyList<Cut> cuts, double windowSeconds, double gapSeconds, long seed)
    {
        if (windowSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(windowSeconds), "the window must be positive");
        if (gapSeconds < 0) throw new ArgumentOutOfRangeException(nameof(gapSeconds), "the gap cannot be negative");
        this.gapSeconds = gapSeconds;
        var packs = new List<Cut>();
        // Speakers in first-appearance order and a seeded shuffle within each: the packs depend on the seed only.
        foreach (var speaker in cuts.GroupBy(c => c.Speaker ?? c.Id))
        {
            var order = speaker.ToList();
            var random = new SeededRandom(SeededRandom.Combine(seed, SeededRandom.StableHash(speaker.Key)));
            for (int i = order.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var current = new List<Cut>();
            double length = 0;
            foreach (var cut in order)
            {
                double added = current.Count == 0 ? cut.Duration : gapSeconds + cut.Duration;
                if (current.Count > 0 && length + added > windowSeconds)
                {
                    packs.Add(Join(current));
                    current = new List<Cut>();
                    length = 0;
                    added = cut.Duration;
                }
                current.Add(cut);
                length += added;
            }
            if (current.Count > 0) packs.Add(Join(current));
        }
        Packs = packs;
    }

    /// <summary>The cuts a pack joins, in order.</summary>
    public IReadOnlyList<Cut> MembersOf(Cut pack) =>
        members.TryGetValue(pack.Id, out var list) ? list : throw new KeyNotFoundException($"'{pack.Id}' is not one of these packs");

    /// <summary>Whether <paramref name="cut"/> is one of these packs (a pack of one has its member's id).</summary>
    public bool IsPack(Cut cut) => members.ContainsKey(cut.Id);

    /// <summary>A pack's audio at <paramref name="sampleRate"/>: each member's samples, zeros between.
    /// A cut that is no pack (one trained alone beside the packs) reads as itself.</summary>
    public float[] Audio(Cut pack, int sampleRate)
    {
        if (!IsPack(pack)) return CutAudio.Read(pack, sampleRate);
        var parts = MembersOf(pack).Select(c => CutAudio.Read(c, sampleRate)).ToList();
        int gap = (int)Math.Round(gapSeconds * sampleRate);
        var joined = new float[parts.Sum(p => p.Length) + gap * (parts.Count - 1)];
        int at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(joined, at);
            at += part.Length + gap;
        }
        return joined;
    }

    Cut Join(List<Cut> cuts)
    {
        var first = cuts[0];
        string id = string.Join('+', cuts.Select(c => c.Id));
        double duration = cuts.Sum(c => c.Duration) + gapSeconds * (cuts.Count - 1);
        string? text = cuts.Any(c => c.Text is null) ? null : string.Join(' ', cuts.Select(c => c.Text!.Trim()));
        members[id] = cuts;
        return first with { Id = id, Duration = duration, Text = text };
    }
}
