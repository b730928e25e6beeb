using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Text.Bert;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Text.Bert;

public sealed class BertFolderTests
{
    internal static readonly BertConfig Tiny = new() { VocabSize = 29, HiddenSize = 16, Layers = 2, Heads = 2, IntermediateSize = 32, MaxPositions = 24 };

    internal static BertWordPiece TinyVocabulary() =>
        BertWordPiece.FromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Enumerable.Range(0, 24).Select(i => $"w{i}")]);

    [Fact]
    public void A_tiny_random_bert_saved_as_an_hf_folder_reloads_with_identical_logits()
    {
        using var temp = new TempDirectory();
        manual_seed(7);
        using var model = new BertMaskedLm(Tiny);
        model.eval();
        using var ids = tensor(new long[] { 2, 5, 6, 4, 7, 3, 2, 9, 4, 3, 0, 0 }, new long[] { 2, 6 });
        using var valid = ids.ne(Speech.Core.Nn.Scalars.Zero);
        using var before = model.Forward(ids, valid);
        BertFolder.Save(model, TinyVocabulary(), temp.File("bert"));
        var (loaded, vocabulary) = BertFolder.Load(temp.File("bert"));
        using var owned = loaded;
        using var after = loaded.Forward(ids, valid);
        Assert.Equal(new long[] { 2, 6, 29 }, after.shape);
        Assert.True(before.eq(after).all().item<bool>());
        Assert.Equal(TinyVocabulary().VocabularyHash, vocabulary.VocabularyHash);
    }

    [Fact]
    public void The_weights_carry_hugging_face_bert_for_masked_lm_names_with_the_output_layer_tied()
    {
        using var temp = new TempDirectory();
        using var model = new BertMaskedLm(Tiny with { Layers = 1 });
        BertFolder.Save(model, TinyVocabulary(), temp.File("bert"));
        var names = SafetensorsFile.Open(temp.File("bert/model.safetensors")).Entries.Keys.Order(StringComparer.Ordinal);
        // transformers' BertForMaskedLM(BertConfig(num_hidden_layers=1)).state_dict() less the tied
        // cls.predictions.decoder.{weight,bias}, which save_pretrained leaves out too.
        string[] expected =
        [
            "bert.embeddings.LayerNorm.bias", "bert.embeddings.LayerNorm.weight", "bert.embeddings.position_embeddings.weight",
            "bert.embeddings.token_type_embeddings.weight", "bert.embeddings.word_embeddings.weight",
            "bert.encoder.layer.0.attention.output.LayerNorm.bias", "bert.encoder.layer.0.attention.output.LayerNorm.weight",
            "bert.encoder.layer.0.attention.output.dense.bias", "bert.encoder.layer.0.attention.output.dense.weight",
            "bert.encoder.layer.0.attention.self.key.bias", "bert.encoder.layer.0.attention.self.key.weight",
            "bert.encoder.layer.0.attention.self.query.bias", "bert.encoder.layer.0.attention.self.query.weight",
            "bert.encoder.layer.0.attention.self.value.bias", "bert.encoder.layer.0.attention.self.value.weight",
            "bert.encoder.layer.0.intermediate.dense.bias", "bert.encoder.layer.0.intermediate.dense.weight",
            "bert.encoder.layer.0.output.LayerNorm.bias", "bert.encoder.layer.0.output.LayerNorm.weight",
            "bert.encoder.layer.0.output.dense.bias", "bert.encoder.layer.0.output.dense.weight",
            "cls.predictions.bias", "cls.predictions.transform.LayerNorm.bias", "cls.predictions.transform.LayerNorm.weight",
            "cls.predictions.transform.dense.bias", "cls.predictions.transform.dense.weight",
        ];
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Legacy_gamma_beta_names_and_unused_heads_load_and_a_foreign_tensor_is_refused()
    {
        using var temp = new TempDirectory();
        using var model = new BertMaskedLm(Tiny with { Layers = 1 });
        BertFolder.Save(model, TinyVocabulary(), temp.File("bert"));
        string weights = temp.File("bert/model.safetensors");
        var file = SafetensorsFile.Open(weights);
        var renamed = file.Entries.Keys.Select(n => KeyValuePair.Create(n.Replace("LayerNorm.weight", "LayerNorm.gamma").Replace("LayerNorm.bias", "LayerNorm.beta")
                .Replace("cls.predictions.bias", "cls.predictions.decoder.bias"), file.Load(n)))
            .Append(KeyValuePair.Create("bert.pooler.dense.bias", zeros(16))).ToList();
        SafetensorsFile.Write(weights, renamed);
        var (loaded, _) = BertFolder.Load(temp.File("bert"));
        using (loaded)
        {
            using var ids = tensor(new long[] { 2, 5, 3 }).unsqueeze(0);
            model.eval();
            Assert.True(model.Forward(ids).eq(loaded.Forward(ids)).all().item<bool>());
        }
        SafetensorsFile.Write(weights, renamed.Append(KeyValuePair.Create("bert.extra.weight", zeros(2))));
        var error = Assert.Throws<CheckpointException>(() => BertFolder.Load(temp.File("bert")));
        Assert.Contains("bert.extra.weight", error.Message);
    }

    [Fact]
    public void A_vocab_txt_that_disagrees_with_the_config_is_refused()
    {
        using var temp = new TempDirectory();
        using var model = new BertMaskedLm(Tiny);
        BertFolder.Save(model, TinyVocabulary(), temp.File("bert"));
        File.AppendAllText(temp.File("bert/vocab.txt"), "extra\n");
        var error = Assert.Throws<CheckpointException>(() => BertFolder.Load(temp.File("bert")));
        Assert.Contains("vocab_size 29", error.Message);
    }
}
