using System.Text.Json.Nodes;
using Speech.Core.Data;
using Speech.Core.Text.Bert;
using Speech.Testing;

namespace Speech.Core.Tests.Text.Bert;

public sealed class BertTrainingTests
{
    [Fact]
    public void Masking_chooses_15_percent_and_replaces_80_10_10_never_touching_specials()
    {
        var vocabulary = BertFolderTests.TinyVocabulary();
        var random = new SeededRandom(3);
        var rows = Enumerable.Range(0, 2000).Select(r => new[] { 2 }.Concat(Enumerable.Range(0, 20).Select(i => 5 + (r + i) % 24)).Append(3).ToArray()).ToList();
        var (inputs, labels) = BertMasking.Apply(rows, vocabulary, random);
        int chosen = 0, masked = 0, kept = 0, replaced = 0;
        for (int r = 0; r < rows.Count; r++)
            for (int t = 0; t < rows[r].Length; t++)
            {
                if (labels[r][t] == BertMasking.Ignored) { Assert.Equal(rows[r][t], inputs[r][t]); continue; }
                Assert.True(t > 0 && t < rows[r].Length - 1, "a special position was chosen");
                Assert.Equal(rows[r][t], labels[r][t]);
                chosen++;
                if (inputs[r][t] == vocabulary.MaskId) masked++;
                else if (inputs[r][t] == rows[r][t]) kept++;
                else { replaced++; Assert.False(vocabulary.IsSpecial((int)inputs[r][t])); }
            }
        // 40,000 candidates: binomial sd of the share ≈ 0.0018, so ±0.01 is > 5 sd; the 80/10/10 split of ~6,000 likewise.
        Assert.InRange(chosen / 40000.0, 0.14, 0.16);
        Assert.InRange(masked / (double)chosen, 0.77, 0.83);
        // a random replacement equal to the original (1 in 24) counts as kept: 10 % + 10 %/24 ≈ 10.4 % vs 9.6 %.
        Assert.InRange(kept / (double)chosen, 0.085, 0.125);
        Assert.InRange(replaced / (double)chosen, 0.075, 0.115);
    }

    [Fact]
    public void Every_sentence_gets_at_least_one_prediction_and_equal_seeds_give_equal_masks()
    {
        var vocabulary = BertFolderTests.TinyVocabulary();
        var rows = Enumerable.Range(0, 50).Select(_ => new[] { 2, 7, 3 }).ToList();
        var a = BertMasking.Apply(rows, vocabulary, new SeededRandom(9));
        Assert.All(a.Labels, l => Assert.Equal(7, l[1]));
        var b = BertMasking.Apply(rows, vocabulary, new SeededRandom(9));
        Assert.Equal(a.Inputs.SelectMany(r => r), b.Inputs.SelectMany(r => r));
    }

    [Fact]
    public void Training_on_a_repetitive_text_lowers_the_loss_and_the_folder_scores_it()
    {
        using var temp = new TempDirectory();
        var lines = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "the cat sat on the mat" : "a dog ran in the park").ToList();
        File.WriteAllLines(temp.File("text.txt"), lines);
        File.WriteAllText(temp.File("bert.yaml"), "model:\n  hidden_size: 32\n  heads: 2\n  intermediate_size: 64\n  max_positions: 16\n  dropout: 0\n" +
            "training:\n  steps: 60\n  lr: 0.003\n  warmup: 0\n  batch_size: 16\n  checkpoint_every: 0\n");
        var result = BertTrainingRun.Run(temp.File("bert.yaml"), null, temp.File("text.txt"), temp.File("run"), null, TorchSharp.torch.CPU);
        Assert.Equal(60, result.Training.Steps);
        var losses = File.ReadAllLines(temp.File("run/metrics.jsonl")).Select(l => JsonNode.Parse(l)!["mlm"]!.GetValue<double>()).ToList();
        Assert.True(losses[^1] < losses[0] / 2, $"mlm {losses[0]} → {losses[^1]}");
        var (model, vocabulary) = BertFolder.Load(result.ModelFolder);
        using var owned = model;
        var score = BertScorer.Score(model, vocabulary, lines.Take(2));
        Assert.Equal(12, score.Tokens);
        // A model that knows the two sentences predicts most masked words; uniform guessing over the
        // vocabulary would give a pseudo-perplexity near its size.
        Assert.True(score.Accuracy > 0.5, $"accuracy {score.Accuracy}");
        Assert.True(score.PseudoPerplexity < vocabulary.VocabularySize / 2.0, $"pseudo-perplexity {score.PseudoPerplexity}");
    }
}
