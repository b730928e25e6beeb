using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Asr.DistilWhisper;

/// <summary>Swaps the pseudo-labels of a seeded fraction of cuts among themselves (each chosen cut
/// gets the label of the next chosen cut, in a random order, whose text differs from its own),
/// marking each with <c>extra.label_corrupted</c>; when every chosen label is the same, another
/// chosen cut's reference serves as the wrong label.
/// A fluent but wrong label is what a hallucinating teacher produces, and what the WER filter must
/// catch; the marker lets the filter report how many it caught.</summary>
public static class PseudoLabelCorruption
{
    public const string MarkerKey = "label_corrupted";

    public static List<Cut> Corrupt(IReadOnlyList<Cut> cuts, double fraction, int seed)
    {
        if (fraction is < 0 or > 1) throw new ConfigException($"--fraction {fraction}: must be between 0 and 1");
        var random = new SeededRandom((ulong)seed);
        var labelled = Enumerable.Range(0, cuts.Count).Where(i => PseudoLabelMerge.LabelOf(cuts[i]) is not null).ToList();
        int count = (int)Math.Round(fraction * labelled.Count);
        if (count == 1) throw new ConfigException("corrupting one label cannot swap it with another; ask for a larger fraction");
        var chosen = random.Sample(labelled, count);
        var result = cuts.ToList();
        for (int k = 0; k < chosen.Count; k++)
        {
            // Speakers may read the same sentence: skip donors whose label equals this one's.
            string own = PseudoLabelMerge.LabelOf(cuts[chosen[k]])!;
            var others = Enumerable.Range(1, chosen.Count - 1).Select(d => cuts[chosen[(k + d) % chosen.Count]]).ToList();
            var donor = others.FirstOrDefault(c => PseudoLabelMerge.LabelOf(c) != own);
            JsonElement text, tokens;
            if (donor is not null)
            {
                text = donor.Extras![PseudoLabelMerge.TextKey];
                tokens = donor.Extras.TryGetValue(PseudoLabelMerge.TokensKey, out var t) ? t : JsonSerializer.SerializeToElement(Array.Empty<long>());
            }
            else
            {
                // A teacher that says the same for every cut (an untrained one): another cut's
                // reference, sentence-cased, is the wrong label instead.
                string? reference = others.Select(c => c.Text).FirstOrDefault(t => t is not null && !string.Equals(t, own, StringComparison.OrdinalIgnoreCase));
                if (reference is null) throw new ConfigException("every chosen cut has the same label and reference: nothing to swap");
                text = JsonSerializer.SerializeToElement(Speech.Asr.Whisper.Training.TranscriptCasing.ForTraining(reference));
                tokens = JsonSerializer.SerializeToElement(Array.Empty<long>());
            }
            result[chosen[k]] = cuts[chosen[k]]
                .WithExtra(PseudoLabelMerge.TextKey, text)
                .WithExtra(PseudoLabelMerge.TokensKey, tokens)
                .WithExtra(MarkerKey, JsonSerializer.SerializeToElement(true));
        }
        return result;
    }

    public static bool IsCorrupted(Cut cut) =>
        cut.Extras is not null && cut.Extras.TryGetValue(MarkerKey, out var value) && value.ValueKind == JsonValueKind.True;
}
