using Speech.Core.Data;

namespace Speech.Core.Text.Bert;

/// <summary>BERT's dynamic masking (Devlin et al. 2019; RoBERTa draws it anew for every batch): each
/// non-special position is chosen with probability <c>p</c> (at least one per sentence); a chosen
/// token becomes [MASK] 80 % of the time, a random ordinary token 10 %, and stays 10 %; the label is
/// the original token at chosen positions and <see cref="Ignored"/> elsewhere.</summary>
public static class BertMasking
{
    public const long Ignored = -100;

    /// <param name="rows">Token ids per sentence, [CLS] … [SEP].</param>
    /// <returns>Inputs and labels, row by row, the same lengths as <paramref name="rows"/>.</returns>
    public static (long[][] Inputs, long[][] Labels) Apply(IReadOnlyList<int[]> rows, BertWordPiece vocabulary, SeededRandom random, double probability = 0.15)
    {
        var ordinary = Enumerable.Range(0, vocabulary.VocabularySize).Where(id => !vocabulary.IsSpecial(id)).ToArray();
        var inputs = new long[rows.Count][];
        var labels = new long[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            inputs[r] = row.Select(id => (long)id).ToArray();
            labels[r] = Enumerable.Repeat(Ignored, row.Length).ToArray();
            var candidates = Enumerable.Range(0, row.Length).Where(i => !vocabulary.IsSpecial(row[i]) || row[i] == vocabulary.UnknownId).ToList();
            if (candidates.Count == 0) continue;
            var chosen = candidates.Where(_ => Uniform(random) < probability).ToList();
            if (chosen.Count == 0) chosen.Add(candidates[random.Next(candidates.Count)]);
            foreach (int i in chosen)
            {
                labels[r][i] = row[i];
                double u = Uniform(random);
                if (u < 0.8) inputs[r][i] = vocabulary.MaskId;
                else if (u < 0.9) inputs[r][i] = ordinary[random.Next(ordinary.Length)];
            }
        }
        return (inputs, labels);
    }

    static double Uniform(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
