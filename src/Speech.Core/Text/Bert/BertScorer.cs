using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>Scores a text (one sentence a line) with a BERT: every WordPiece of every sentence masked
/// in turn (<see cref="MaskedPositionScorer"/>); sentences longer than the BERT's positions are cut.</summary>
public static class BertScorer
{
    public static BertScore Score(BertMaskedLm model, BertWordPiece vocabulary, IEnumerable<string> lines, IProgress<WorkProgress>? progress = null)
    {
        var scorer = new MaskedPositionScorer(model, vocabulary);
        var texts = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        int tokens = 0, correct = 0, unknown = 0;
        double logLikelihood = 0;
        for (int s = 0; s < texts.Count; s++)
        {
            using var scope = NewDisposeScope();
            var encoding = vocabulary.Encode(texts[s]);
            unknown += encoding.UnknownWords;
            var body = encoding.Ids.Take(model.Config.MaxPositions - 2).ToList();
            if (body.Count == 0) continue;
            var sequence = new[] { vocabulary.ClassificationId }.Concat(body).Append(vocabulary.SeparatorId).ToList();
            var logProbabilities = nn.functional.log_softmax(scorer.Logits(sequence, Enumerable.Range(1, body.Count).ToList()), -1); // [N, V]
            var truth = tensor(body.Select(id => (long)id).ToArray());
            logLikelihood += logProbabilities.gather(1, truth.unsqueeze(1)).sum().item<float>();
            correct += (int)logProbabilities.argmax(1).eq(truth).sum().item<long>();
            tokens += body.Count;
            progress?.Report(new WorkProgress(s + 1, texts.Count));
        }
        return new BertScore(texts.Count, tokens, unknown, tokens == 0 ? 0 : (double)correct / tokens,
            tokens == 0 ? double.NaN : Math.Exp(-logLikelihood / tokens));
    }
}
