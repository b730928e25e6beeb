using Speech.Asr.BertCtc;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Text.Bert;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.BertCtc;

public sealed class BertSoftLabelTests
{
    internal static readonly string[] Words = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "in", "park", "and", "then"];

    /// <summary>A tiny random BERT (seeded) over the specials and <see cref="Words"/>.</summary>
    internal static (BertMaskedLm Model, BertWordPiece Vocabulary) TinyBert(int seed = 5)
    {
        var vocabulary = BertWordPiece.FromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Words]);
        manual_seed(seed);
        var model = new BertMaskedLm(new BertConfig { VocabSize = vocabulary.VocabularySize, HiddenSize = 16, Layers = 1, Heads = 2, IntermediateSize = 32, MaxPositions = 32 });
        model.eval();
        return (model, vocabulary);
    }

    internal static string WriteManifest(TempDirectory temp, params string[] texts)
    {
        string path = temp.File("cuts.jsonl");
        Manifest.Write(path, texts.Select((t, i) => new Cut($"u{i}", new AudioSource($"u{i}.wav"), 0, 1, 16000, t, "spk")));
        return path;
    }

    [Fact]
    public void Position_i_holds_the_top_k_of_the_input_with_i_masked_its_probabilities_sum_to_1_and_differ_from_j()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = TinyBert();
        using var owned = model;
        string manifest = WriteManifest(temp, "the cat sat on the mat");
        var options = new BertSoftLabelOptions { TopK = 4, Temperature = 3 };
        new BertSoftLabelJob(model, vocabulary, options, batchSize: 4).Run(manifest, temp.File("store"), ShardSpec.Whole);
        var label = BertSoftLabelStore.Read(temp.File("store"), vocabulary.VocabularyHash)["u0"];
        Assert.Equal(new[] { 5, 6, 7, 8, 5, 9 }, label.Tokens);
        int[] sequence = [2, 5, 6, 7, 8, 5, 9, 3];
        for (int i = 0; i < label.Tokens.Length; i++)
        {
            // Independently: one forward pass with position i+1 masked, specials dropped by hand, the
            // four largest logits sorted in C#, softmax of logit/3 in double.
            var masked = sequence.Select((id, t) => t == i + 1 ? 4L : id).ToArray();
            using var logits = model.Forward(tensor(masked).unsqueeze(0))[0, i + 1];
            var row = logits.data<float>().ToArray();
            var top = Enumerable.Range(5, Words.Length).OrderByDescending(v => row[v]).Take(4).ToArray();
            double max = row[top[0]], z = top.Sum(v => Math.Exp((row[v] - max) / 3));
            Assert.Equal(top, label.TopIds[i]);
            for (int k = 0; k < 4; k++) Assert.Equal(Math.Exp((row[top[k]] - max) / 3) / z, label.TopProbs[i][k], 5);
            Assert.Equal(1.0, label.TopProbs[i].Sum(p => (double)p), 5);
        }
        Assert.NotEqual(label.TopProbs[0], label.TopProbs[1]);
    }

    [Fact]
    public void Three_shards_merge_to_every_cut_exactly_once_and_equal_one_shard()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = TinyBert();
        using var owned = model;
        string manifest = WriteManifest(temp, "the cat", "a dog ran", "in the park", "the mat", "and then", "cat sat on", "dog");
        var job = new BertSoftLabelJob(model, vocabulary, new BertSoftLabelOptions { ContextSentences = 1 });
        for (int s = 0; s < 3; s++) Assert.False(job.Run(manifest, temp.File("sharded"), new ShardSpec(s, 3)).WasComplete);
        Assert.Throws<ManifestException>(() => BertSoftLabelStore.Read(temp.File("whole"), vocabulary.VocabularyHash));
        job.Run(manifest, temp.File("whole"), ShardSpec.Whole);
        var sharded = BertSoftLabelStore.Read(temp.File("sharded"), vocabulary.VocabularyHash);
        var whole = BertSoftLabelStore.Read(temp.File("whole"), vocabulary.VocabularyHash);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"u{i}"), sharded.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, label) in whole) Assert.Equal(label.ToJsonLine(), sharded[id].ToJsonLine());
        Assert.True(job.Run(manifest, temp.File("sharded"), new ShardSpec(1, 3)).WasComplete);

        // A line repeated in another shard is refused, naming the cut.
        File.AppendAllLines(BertSoftLabelStore.TargetsFile(temp.File("sharded"), new ShardSpec(2, 3)), [sharded["u0"].ToJsonLine()]);
        var twice = Assert.Throws<ManifestException>(() => BertSoftLabelStore.Read(temp.File("sharded"), vocabulary.VocabularyHash));
        Assert.Contains("'u0'", twice.Message);
    }

    [Fact]
    public void An_unfinished_shard_is_refused_and_a_rerun_after_a_torn_line_finishes_it_without_repeats()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = TinyBert();
        using var owned = model;
        string manifest = WriteManifest(temp, "the cat", "a dog ran", "in the park");
        var job = new BertSoftLabelJob(model, vocabulary, new BertSoftLabelOptions());
        job.Run(manifest, temp.File("store"), ShardSpec.Whole);
        string file = BertSoftLabelStore.TargetsFile(temp.File("store"), ShardSpec.Whole);
        var lines = File.ReadAllLines(file);
        File.Delete(BertSoftLabelStore.DoneMarker(temp.File("store"), ShardSpec.Whole));
        File.WriteAllText(file, lines[0] + "\n" + lines[1][..20]); // killed while writing the second cut
        var unfinished = Assert.Throws<ManifestException>(() => BertSoftLabelStore.Read(temp.File("store"), vocabulary.VocabularyHash));
        Assert.Contains("not finished", unfinished.Message);
        var outcome = job.Run(manifest, temp.File("store"), ShardSpec.Whole);
        Assert.Equal((3, 1, 2), (outcome.ShardCuts, outcome.AlreadyDone, outcome.Labelled));
        Assert.Equal(lines, File.ReadAllLines(file));
    }

    [Fact]
    public void A_word_outside_the_vocabulary_is_an_unk_token_counted_and_another_berts_store_is_refused()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = TinyBert();
        using var owned = model;
        string manifest = WriteManifest(temp, "the zebra sat", "the cat");
        var outcome = new BertSoftLabelJob(model, vocabulary, new BertSoftLabelOptions()).Run(manifest, temp.File("store"), ShardSpec.Whole);
        Assert.Equal(1, outcome.UnknownWords);
        var label = BertSoftLabelStore.Read(temp.File("store"), vocabulary.VocabularyHash)["u0"];
        Assert.Equal(new[] { 5, 1, 7 }, label.Tokens);
        Assert.Equal(1, label.UnknownWords);
        Assert.DoesNotContain(label.TopIds.SelectMany(r => r), id => vocabulary.IsSpecial(id));

        var other = BertWordPiece.FromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Words, "zebra"]);
        var refused = Assert.Throws<ConfigException>(() => BertSoftLabelStore.Read(temp.File("store"), other.VocabularyHash));
        Assert.Contains("another BERT vocabulary", refused.Message);
        Assert.Throws<ConfigException>(() => BertSoftLabelStore.Claim(temp.File("store"), other.VocabularyHash, other.VocabularySize, new BertSoftLabelOptions()));
        var changed = Assert.Throws<ConfigException>(() => BertSoftLabelStore.Claim(temp.File("store"), vocabulary.VocabularyHash, vocabulary.VocabularySize,
            new BertSoftLabelOptions { TopK = 4 }));
        Assert.Contains("top_k", changed.Message);
    }
}
