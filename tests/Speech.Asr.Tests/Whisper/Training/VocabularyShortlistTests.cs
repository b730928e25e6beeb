using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Data.Sampling;
using Speech.Core.Training;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Training;

public sealed class VocabularyShortlistTests
{
    [Fact]
    public void The_shortlist_loss_is_the_cross_entropy_of_the_full_logits_restricted_to_its_columns()
    {
        manual_seed(5);
        var hidden = randn(6, 4);
        var weight = randn(10, 4);
        long[] ids = { 7, 2, 5, 9 };
        var labels = tensor(new long[] { 2, 9, 9, 5, 7, 2 });
        using var shortlist = new VocabularyShortlist(ids, 10);

        var loss = nn.functional.cross_entropy(shortlist.Logits(hidden, weight), shortlist.Indexes(labels)).item<float>();
        // By hand: log-softmax over columns 2, 5, 7, 9 of the full logits, at each label's column.
        var full = hidden.matmul(weight.t()).data<float>().ToArray();
        double expected = 0;
        long[] label = labels.data<long>().ToArray();
        for (int n = 0; n < 6; n++)
        {
            double normaliser = Math.Log(new[] { 2, 5, 7, 9 }.Sum(v => Math.Exp(full[n * 10 + v])));
            expected += normaliser - full[n * 10 + label[n]];
        }
        Assert.Equal(expected / 6, loss, 4);
        Assert.Equal(4, shortlist.Count);
        // A label the shortlist lacks is an error, not a silent wrong class.
        Assert.Throws<InvalidOperationException>(() => shortlist.Indexes(tensor(new long[] { 3 })));
    }

    [Fact]
    public void It_holds_every_label_of_single_and_packed_transcripts_and_is_far_smaller_than_the_vocabulary()
    {
        var config = WhisperTrainingTests.Small;
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), config);
        var texts = MiniCorpus.Split("train").Select(c => c.Text!).ToList();
        using var shortlist = TranscriptShortlist.Of(texts, builder, config.VocabSize);

        var packed = string.Join(' ', texts.Skip(3).Take(4)); // speaker packing joins transcripts with spaces
        foreach (var text in texts.Append(packed))
        {
            var (sequence, given) = builder.TokenSequenceWithPrompt(text);
            var indexes = shortlist.Indexes(tensor(sequence.Skip(given).ToArray()));
            Assert.Equal(sequence.Count - given, indexes.shape[0]);
        }
        Assert.InRange(shortlist.Count, 50, config.VocabSize / 10);
    }

    [Fact]
    public void A_frozen_encoder_stays_as_it_was_while_the_shortlisted_decoder_learns()
    {
        using var temp = new TempDirectory();
        manual_seed(6);
        var config = WhisperTrainingTests.Small;
        using var model = new WhisperModel(config);
        model.FreezeEncoder();
        var before = model.Encoder.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var tokenizer = WhisperTokenizer.English();
        using var builder = new WhisperBatchBuilder(tokenizer, config);
        var cuts = MiniCorpus.Split("train");
        using var shortlist = TranscriptShortlist.Of(cuts.Select(c => c.Text!), builder, config.VocabSize);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = 12, Buckets = 2, Seed = 1 });
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var options = new TrainerOptions { OutputDirectory = temp.Path, MaxSteps = 30, LearningRate = 1e-2, WarmupSteps = 2, LogEvery = 1, CheckpointEvery = 0, TensorBoard = false };
        new Trainer<WhisperBatch>(model, new WhisperCrossEntropyObjective(model, shortlist: shortlist), source, options).Run();

        var losses = File.ReadLines(temp.File("metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["ce"]!.GetValue<double>()).ToList();
        // An untrained model's shortlist CE is about ln(K), not ln(51864).
        Assert.True(Math.Abs(losses[0] - Math.Log(shortlist.Count)) < 0.5, $"first CE {losses[0]:F2}, ln K = {Math.Log(shortlist.Count):F2}");
        Assert.True(losses.TakeLast(3).Average() < losses.Take(3).Average() - 0.5, $"CE did not fall: {string.Join(", ", losses.Select(l => l.ToString("F2")))}");
        Assert.All(model.Encoder.state_dict(), p => Assert.True(p.Value.eq(before[p.Key]).all().item<bool>(), $"{p.Key} changed"));
    }
}
