namespace Speech.Captioning.Metrics;

/// <summary>Corpus-level caption metrics over <see cref="Clips"/> clips. METEOR, SPICE and SPIDEr
/// are null when their external tools are unavailable (<see cref="Unavailable"/> says why); they
/// are never estimated.</summary>
public sealed record CaptionScores(
    int Clips,
    IReadOnlyList<double> Bleu,
    double RougeL,
    double CiderD,
    double? Meteor,
    double? Spice,
    string? Unavailable)
{
    /// <summary>SPIDEr = (CIDEr-D + SPICE) / 2, only when SPICE was computed.</summary>
    public double? Spider => Spice is double spice ? (CiderD + spice) / 2 : null;

    /// <summary>Metric name → value, in the order the COCO evaluation prints them; missing ones left out.</summary>
    public IReadOnlyList<(string Name, double Value)> Named()
    {
        var named = new List<(string, double)>();
        for (int k = 0; k < Bleu.Count; k++) named.Add(($"BLEU-{k + 1}", Bleu[k]));
        if (Meteor is double meteor) named.Add(("METEOR", meteor));
        named.Add(("ROUGE-L", RougeL));
        named.Add(("CIDEr-D", CiderD));
        if (Spice is double spice) named.Add(("SPICE", spice));
        if (Spider is double spider) named.Add(("SPIDEr", spider));
        return named;
    }
}
