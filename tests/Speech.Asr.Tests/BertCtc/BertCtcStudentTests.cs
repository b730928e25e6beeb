using System.Text.Json.Nodes;
using Speech.Asr.BertCtc;
using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Text.Bert;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.BertCtc;

public sealed class BertCtcStudentTests
{
    const string Tiny = "model:\n  d_model: 32\n  layers: 4\n  heads: 2\n  ffn_dim: 64\n  dropout: 0\n" +
                        "training:\n  steps: 2\n  warmup: 0\n  max_duration: 30\n  checkpoint_every: 0\n  spec_augment: false\n" +
                        "kd:\n  decoder_heads: 2\n  decoder_ffn_dim: 64\n  decoder_dropout: 0\n";

    [Theory]
    [InlineData("", false, 6, new[] { 3, 6 })]
    [InlineData("", true, 6, new[] { 6 })]
    [InlineData("4, 2,4", false, 6, new[] { 2, 4 })]
    [InlineData("", false, 1, new[] { 1 })]
    public void Decoders_sit_on_the_middle_and_last_layers_unless_told(string layers, bool finalOnly, int encoderLayers, int[] expected) =>
        Assert.Equal(expected, new BertCtcOptions { Layers = layers, FinalOnly = finalOnly }.LayerSet(encoderLayers));

    [Fact]
    public void A_layer_outside_the_encoder_is_refused_and_weight_0_means_no_decoders()
    {
        var error = Assert.Throws<ConfigException>(() => new BertCtcOptions { Layers = "2,7" }.LayerSet(6));
        Assert.Contains("'7'", error.Message);
        Assert.Empty(new BertCtcOptions { Weight = 0 }.LayerSet(6));
    }

    [Fact]
    public void Soft_labels_become_dense_rows_with_a_one_hot_sep_at_the_end_and_padding_ignored()
    {
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        var labels = new Dictionary<string, BertSoftLabel>
        {
            [cuts[0].Id] = new(cuts[0].Id, [7, 8], [[7, 9], [8, 6]], [[0.75f, 0.25f], [0.5f, 0.5f]], 0),
            [cuts[1].Id] = new(cuts[1].Id, [6], [[6, 5]], [[0.875f, 0.125f]], 0),
        };
        var vocabulary = new CtcVocabulary(Speech.Core.Text.CharacterTokenizer.Train(cuts.Select(c => c.Text!)));
        using var builder = new BertCtcBatchBuilder(new CtcBatchBuilder(vocabulary, 80), labels, 10, classificationId: 2, separatorId: 3, "store", CPU);
        using var batch = builder.Build(cuts);
        Assert.Equal(new long[] { 2, 7, 8, 2, 6, 0 }, batch.DecoderInputs!.data<long>().ToArray());
        Assert.Equal(new long[] { 7, 8, 3, 6, 3, -100 }, batch.DecoderTargets!.data<long>().ToArray());
        Assert.Equal(new[] { true, true, true, true, true, false }, batch.DecoderValid!.data<bool>().ToArray());
        var soft = batch.SoftTargets!;
        Assert.Equal(new long[] { 2, 3, 10 }, soft.shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 0, 0.75f, 0, 0.25f }, soft[0, 0].data<float>().ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, soft[0, 2].data<float>().ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, soft[1, 1].data<float>().ToArray());
        Assert.Equal(0f, soft[1, 2].sum().item<float>());
        labels.Remove(cuts[1].Id);
        var missing = Assert.Throws<ManifestException>(() => builder.Build(cuts));
        Assert.Contains($"'{cuts[1].Id}'", missing.Message);
    }

    [Fact]
    public void A_kd_student_trains_every_term_and_exports_the_ctc_model_alone()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("dev").Take(4).ToList();
        Manifest.Write(temp.File("train.jsonl"), cuts);
        File.WriteAllText(temp.File("student.yaml"), Tiny);
        var vocabulary = BertVocabularyBuilder.Build(cuts.Select(c => c.Text!), minCount: 1);
        manual_seed(3);
        using (var bert = new BertMaskedLm(new BertConfig { VocabSize = vocabulary.VocabularySize, HiddenSize = 16, Layers = 1, Heads = 2, IntermediateSize = 32, MaxPositions = 64 }))
        {
            bert.eval();
            BertFolder.Save(bert, vocabulary, temp.File("bert"));
            new BertSoftLabelJob(bert, vocabulary, new BertSoftLabelOptions()).Run(temp.File("train.jsonl"), temp.File("targets"), ShardSpec.Whole);
        }

        var result = BertCtcTrainingRun.Run(temp.File("student.yaml"), null, temp.File("train.jsonl"), temp.File("bert"), temp.File("targets"), temp.File("kd"), CPU);
        Assert.Equal(new[] { 2, 4 }, result.DecoderLayers);
        var metrics = File.ReadAllLines(temp.File("kd/metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(new[] { "ctc", "dec_2", "dec_4" }, term => Assert.True(double.IsFinite(metrics[^1][term]!.GetValue<double>()), term));

        // The export is a plain CTC folder: the same tensors as a CtcModel of this config, no decoder.
        var exported = SafetensorsFile.Open(temp.File("kd/model/model.safetensors")).Entries.Keys.Order(StringComparer.Ordinal).ToList();
        var (ctc, _) = CtcCheckpoint.Load(temp.File("kd/model"));
        using (ctc) Assert.Equal(ctc.state_dict().Keys.Order(StringComparer.Ordinal), exported);
        Assert.DoesNotContain(exported, name => name.Contains("decoder", StringComparison.Ordinal));
        Assert.True(result.TrainingParameters > result.ExportedParameters);

        var baseline = BertCtcTrainingRun.Run(temp.File("student.yaml"), ["kd.weight=0"], temp.File("train.jsonl"), null, null, temp.File("base"), CPU);
        Assert.Empty(baseline.DecoderLayers);
        Assert.Equal(result.ExportedParameters, baseline.ExportedParameters);
        Assert.Equal(baseline.ExportedParameters, baseline.TrainingParameters);
        Assert.Equal(exported, SafetensorsFile.Open(temp.File("base/model/model.safetensors")).Entries.Keys.Order(StringComparer.Ordinal));
    }
}
