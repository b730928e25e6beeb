using Speech.Core.Data;

namespace Speech.Asr.DistilWhisper;

/// <summary>Which cuts train with a previous-text prompt, and which text: the label of the cut
/// before it from the same speaker (manifest order, as a reader's consecutive utterances), chosen
/// for a seeded share of the cuts (distil-whisper's condition_on_prev_probability, 0.2). The choice
/// is a function of the seed and the cut id alone, so a resumed run builds the same batches.</summary>
public sealed class PreviousTextPrompts
{
    readonly Dictionary<string, string> previous = new(StringComparer.Ordinal);

    public PreviousTextPrompts(IEnumerable<Cut> cuts, Func<Cut, string?> textOf, double probability, int seed)
    {
        if (probability is < 0 or > 1) throw new Speech.Core.Errors.ConfigException($"condition-on-previous probability {probability} is not in [0, 1]");
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cut in cuts)
        {
            string speaker = cut.Speaker ?? "";
            if (last.TryGetValue(speaker, out string? text) && Chosen(cut.Id, probability, seed)) previous[cut.Id] = text;
            if (textOf(cut) is { } own) last[speaker] = own;
        }
    }

    public int Count => previous.Count;

    public string? Of(Cut cut) => previous.GetValueOrDefault(cut.Id);

    static bool Chosen(string id, double probability, int seed)
    {
        var random = new SeededRandom(SeededRandom.Combine(seed, SeededRandom.StableHash(id)));
        return random.NextUInt64() / (double)ulong.MaxValue < probability;
    }
}
