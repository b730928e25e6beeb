using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Text;
using Speech.Core.Training;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Ctc;

public sealed class CtcTrainingTests
{
    static readonly CtcConfig Small = new() { DModel = 64, Layers = 2, Heads = 4, FfnDim = 128, Dropout = 0.0 };

    static CtcVocabulary Vocabulary(IEnumerable<Cut> cuts) => new(CharacterTokenizer.Train(cuts.Select(c => c.Text!)));

    [Fact]
    public void Batches_hold_mean_free_fbank_and_the_transcripts_as_units_after_the_blank()
    {
        var cuts = MiniCorpus.Split("dev").Take(3).ToList();
        var vocabulary = Vocabulary(cuts);
        using var builder = new CtcBatchBuilder(vocabulary, 80);
        using var batch = builder.Build(cuts);
        using var scope = NewDisposeScope();

        // Kaldi's snip-edges frame count: 1 + (samples - 400) / 160.
        long[] frames = cuts.Select(c => 1 + ((long)Math.Round(c.Duration * 16000) - 400) / 160).ToArray();
        Assert.Equal(frames, batch.FeatureLengths.data<long>().ToArray());
        Assert.Equal(new long[] { 3, frames.Max(), 80 }, batch.Features.shape);
        for (int b = 0; b < 3; b++)
        {
            var valid = batch.Features[b].narrow(0, 0, frames[b]);
            Assert.True(valid.mean(new long[] { 0 }).abs().max().item<float>() < 1e-4, "each bin's mean over the utterance is removed");
            var units = vocabulary.Encode(cuts[b].Text!);
            Assert.All(units, u => Assert.True(u >= 1));  // 0 is the blank
            Assert.Equal(units.Select(u => (long)u), batch.Tokens[b].narrow(0, 0, units.Count).data<long>().ToArray());
            Assert.Equal(units.Count, batch.TokenLengths[b].item<long>());
            Assert.Equal(cuts[b].Text, vocabulary.Decode(units));
        }
    }

    [Fact]
    public void Spec_augment_masks_follow_the_cuts_so_a_resumed_run_sees_the_same_batch()
    {
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        var vocabulary = Vocabulary(cuts);
        var augment = new SpecAugmentOptions { MaxTimeWidth = 20, MaxTimeProportion = 0.2 };
        using var first = new CtcBatchBuilder(vocabulary, 80, augment, seed: 4);
        using var second = new CtcBatchBuilder(vocabulary, 80, augment, seed: 4);
        using var plain = new CtcBatchBuilder(vocabulary, 80);
        using var a = first.Build(cuts);
        using var b = second.Build(cuts);
        using var c = plain.Build(cuts);
        Assert.True(a.Features.eq(b.Features).all().item<bool>());
        Assert.False(a.Features.eq(c.Features).all().item<bool>());
    }

    [Fact]
    public void A_saved_model_reloads_with_the_same_outputs_and_a_mismatched_vocabulary_is_named()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        var vocabulary = Vocabulary(cuts);
        manual_seed(2);
        using var model = new CtcModel(Small with { VocabSize = vocabulary.Size });
        model.eval();
        CtcCheckpoint.Save(model, vocabulary, temp.File("model"));
        var (loaded, reloadedVocabulary) = CtcCheckpoint.Load(temp.File("model"));
        using var reloaded = loaded;
        Assert.Equal(vocabulary.Characters.Tokens, reloadedVocabulary.Characters.Tokens);

        using var builder = new CtcBatchBuilder(vocabulary, 80);
        using var batch = builder.Build(cuts);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        Assert.True(model.Forward(batch.Features, batch.FeatureLengths).LogProbabilities
            .eq(reloaded.Forward(batch.Features, batch.FeatureLengths).LogProbabilities).all().item<bool>());

        new CtcVocabulary(CharacterTokenizer.Train(new[] { "AB" })).Save(temp.File("model"));
        var error = Assert.Throws<CheckpointException>(() => CtcCheckpoint.Load(temp.File("model")));
        Assert.Contains("vocab.json", error.Message);
        Assert.Contains($"vocab_size {vocabulary.Size}", error.Message);
    }

    [Fact]
    public void A_small_ctc_model_learns_on_the_mini_corpus_through_the_trainer()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("train").Take(24).ToList();
        var vocabulary = Vocabulary(cuts);
        manual_seed(3);
        using var model = new CtcModel(Small with { VocabSize = vocabulary.Size });
        using var builder = new CtcBatchBuilder(vocabulary, 80);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = 40, Buckets = 1, Seed = 1 });
        using var source = new SamplerBatchSource<AsrBatch>(sampler, builder.Build);
        var options = new TrainerOptions { OutputDirectory = temp.Path, MaxSteps = 40, LearningRate = 2e-3, WarmupSteps = 5, LogEvery = 1, CheckpointEvery = 0, TensorBoard = false };
        var result = new Trainer<AsrBatch>(model, new CtcObjective(model), source, options).Run();

        var losses = File.ReadLines(temp.File("metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["ctc"]!.GetValue<double>()).ToList();
        Assert.Equal(0, result.SkippedSteps);
        Assert.True(losses.TakeLast(5).Average() < 0.6 * losses.Take(5).Average(), $"CTC loss did not fall: {string.Join(", ", losses.Select(l => l.ToString("F2")))}");
    }
}
