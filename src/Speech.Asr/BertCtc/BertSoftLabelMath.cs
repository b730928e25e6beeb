using Speech.Core.Nn;
using Speech.Core.Text.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>Logits at masked positions → the kept top-k (ids, probabilities): special tokens
/// excluded, then <c>softmax(top-k logits / T)</c>, so each row sums to 1.</summary>
public static class BertSoftLabelMath
{
    public static (int[][] Ids, float[][] Probs) TopK(Tensor logits, BertWordPiece vocabulary, int k, double temperature)
    {
        using var scope = NewDisposeScope();
        if (logits.shape[0] == 0) return ([], []);
        var special = Enumerable.Range(0, vocabulary.VocabularySize).Select(vocabulary.IsSpecial).ToArray();
        var allowed = logits.masked_fill(tensor(special).unsqueeze(0), Scalars.NegativeInfinity); // [N, V]
        int kept = Math.Min(k, special.Count(s => !s));
        var (values, indexes) = allowed.topk(kept, dim: 1);
        using var t = temperature.ToScalar();
        var probs = nn.functional.softmax(values.to(ScalarType.Float64).div(t), 1).to(ScalarType.Float32);
        int rows = (int)logits.shape[0];
        var flatIds = indexes.data<long>().ToArray();
        var flatProbs = probs.data<float>().ToArray();
        return (Enumerable.Range(0, rows).Select(r => flatIds.Skip(r * kept).Take(kept).Select(i => (int)i).ToArray()).ToArray(),
                Enumerable.Range(0, rows).Select(r => flatProbs.Skip(r * kept).Take(kept).ToArray()).ToArray());
    }
}
