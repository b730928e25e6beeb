using Speech.Asr.DistilWhisper;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Training;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Training;

public sealed class WhisperTrainingTests
{
    /// <summary>English vocabulary, a 3 s window (the mini utterances are under 2.6 s).</summary>
    internal static readonly WhisperConfig Small = WhisperModelTests.TinyEnglish with { EncoderLayers = 2, DecoderLayers = 2, EncoderAttentionHeads = 4, DecoderAttentionHeads = 4, MaxTargetPositions = 64 };

    [Fact]
    public void Labels_are_the_next_tokens_after_the_prompt()
    {
        var tokenizer = WhisperTokenizer.English();
        using var builder = new WhisperBatchBuilder(tokenizer, Small);
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        using var batch = builder.Build(cuts);

        var first = builder.TokenSequence(cuts[0].Text!); // sot, notimestamps, text..., eot
        Assert.Equal(new long[] { 50257, 50362 }, first.Take(2));
        Assert.Equal(50256, first[^1]);
        long[] inputs = batch.DecoderInput[0].data<long>().ToArray(), labels = batch.Labels[0].data<long>().ToArray();
        Assert.Equal(first.Take(first.Count - 1), inputs.Take(first.Count - 1));
        Assert.Equal(-100, labels[0]);                        // predicting <|notimestamps|> is not learned
        Assert.Equal(first.Skip(2), labels.Skip(1).Take(first.Count - 2));
        Assert.All(labels.Skip(first.Count - 1), l => Assert.Equal(-100, l)); // padding
        Assert.Equal(new long[] { 2, 80, 300 }, batch.Features.shape);
        // Capitals become sentence case, so pseudo-labels are never all-capital.
        Assert.Equal("And I said I'll go, o king", TranscriptCasing.ForTraining("AND I SAID I'LL GO, O KING"));
    }

    [Fact]
    public void A_previous_text_prompt_is_given_and_never_learned()
    {
        var tokenizer = WhisperTokenizer.English();
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        using var builder = new WhisperBatchBuilder(tokenizer, Small, previousOf: c => c.Id == cuts[1].Id ? "HE LEADETH ME" : null);
        using var batch = builder.Build(cuts);

        var previous = tokenizer.Encode(" He leadeth me").Select(id => (long)id).ToList();
        var expected = new List<long> { 50360 }.Concat(previous).Concat(new long[] { 50257, 50362 }).Concat(builder.TokenSequence(cuts[1].Text!).Skip(2)).ToList();
        long[] inputs = batch.DecoderInput[1].data<long>().ToArray(), labels = batch.Labels[1].data<long>().ToArray();
        Assert.Equal(expected.Take(expected.Count - 1), inputs.Take(expected.Count - 1));
        int given = 1 + previous.Count + 2; // <|startofprev|>, the previous text, <|startoftranscript|> <|notimestamps|>
        Assert.All(labels.Take(given - 1), l => Assert.Equal(-100, l));
        Assert.Equal(expected.Skip(given), labels.Skip(given - 1).Take(expected.Count - given));
        // A long previous text keeps its last half-context tokens (Small has 64 positions: 31)...
        string longText = string.Join(' ', Enumerable.Repeat("AND THE LORD SAID", 20));
        var (shortLabel, shortGiven) = builder.TokenSequenceWithPrompt("HE LEADETH ME", longText);
        Assert.Equal(1 + 31 + 2, shortGiven);
        Assert.Equal(50360, shortLabel[0]);
        // ...and fewer when the label leaves less room: the decoder input then fills all 64 positions.
        string longLabel = string.Join(' ', Enumerable.Repeat("AND THE LORD SAID", 12));
        var (sequence, longGiven) = builder.TokenSequenceWithPrompt(longLabel, longText);
        Assert.Equal(Small.MaxTargetPositions, sequence.Count - 1);
        Assert.Equal(sequence.Count - longGiven, builder.TokenSequence(longLabel).Count - 2);
        // The row without a previous text is laid out as before.
        Assert.Equal(builder.TokenSequence(cuts[0].Text!).Take(3), batch.DecoderInput[0].data<long>().ToArray().Take(3));
    }

    [Fact]
    public void Previous_texts_come_from_the_same_speakers_last_cut_for_a_seeded_share()
    {
        var cuts = Enumerable.Range(0, 1000).Select(i => new Cut($"s{i % 10}-{i:0000}", new AudioSource("/x.flac"), 0, 1, 16000, $"text {i}", Speaker: $"s{i % 10}")).ToList();
        var all = new PreviousTextPrompts(cuts, c => c.Text, 1.0, seed: 3);
        Assert.Equal(990, all.Count); // every cut but each speaker's first
        Assert.Null(all.Of(cuts[5]));
        Assert.Equal("text 5", all.Of(cuts[15]));
        Assert.Equal(0, new PreviousTextPrompts(cuts, c => c.Text, 0.0, seed: 3).Count);
        var some = new PreviousTextPrompts(cuts, c => c.Text, 0.2, seed: 3);
        Assert.InRange(some.Count, 150, 250); // binomial(990, 0.2): 198 ± 13
        Assert.Equal(cuts.Select(some.Of), cuts.Select(new PreviousTextPrompts(cuts, c => c.Text, 0.2, seed: 3).Of));
        Assert.All(cuts.Where(c => some.Of(c) is not null), c => Assert.Equal(all.Of(c), some.Of(c)));
    }

    [Fact]
    public void A_ctc_head_on_the_encoder_trains_with_the_decoder_and_is_left_out_of_the_model()
    {
        using var temp = new TempDirectory();
        manual_seed(4);
        using var model = new WhisperModel(Small);
        var cuts = MiniCorpus.Split("train");
        var characters = new Speech.Asr.Ctc.CtcVocabulary(Speech.Core.Text.CharacterTokenizer.Train(cuts.Select(c => c.Text!)));
        using var hybrid = new WhisperWithCtcHead(model, characters.Size);
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), Small, ctcCharacters: characters);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = 12, Buckets = 2, Seed = 1 });
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var options = new TrainerOptions { OutputDirectory = temp.Path, MaxSteps = 12, LearningRate = 1e-2, WarmupSteps = 2, LogEvery = 1, CheckpointEvery = 0, TensorBoard = false };
        new Trainer<WhisperBatch>(hybrid, new WhisperHybridObjective(hybrid, 0.3), source, options).Run();

        var metrics = File.ReadLines(temp.File("metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        var ce = metrics.Select(m => m["ce"]!.GetValue<double>()).ToList();
        var ctc = metrics.Select(m => m["ctc"]!.GetValue<double>()).ToList();
        Assert.All(metrics, m => Assert.Equal(m["ce"]!.GetValue<double>() + 0.3 * m["ctc"]!.GetValue<double>(), m["loss"]!.GetValue<double>(), 4));
        Assert.True(ctc.TakeLast(3).Average() < ctc.Take(3).Average(), $"CTC did not fall: {string.Join(", ", ctc.Select(l => l.ToString("F2")))}");
        Assert.True(ce.TakeLast(3).Average() < ce.Take(3).Average() - 1.0);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.Contains("ctc"));
        // The pair keeps Whisper's names, so its checkpoints load as Whisper models.
        Assert.Equal(model.state_dict().Keys.Append("ctc_head.weight").Append("ctc_head.bias").Order(), hybrid.state_dict().Keys.Order());
        Speech.Core.IO.SafetensorsState.Save(hybrid, temp.File("pair.safetensors"));
        File.WriteAllText(temp.File("config.json"), Small.ToJson());
        File.Move(temp.File("pair.safetensors"), temp.File("model.safetensors"));
        using var reloaded = WhisperCheckpoint.Load(temp.Path);
        Assert.True(reloaded.state_dict()["model.decoder.embed_tokens.weight"].eq(model.state_dict()["model.decoder.embed_tokens.weight"]).all().item<bool>());
    }

    [Fact]
    public void A_tiny_whisper_learns_on_the_mini_corpus_through_the_trainer()
    {
        using var temp = new TempDirectory();
        manual_seed(3);
        using var model = new WhisperModel(Small);
        var tokenizer = WhisperTokenizer.English();
        using var builder = new WhisperBatchBuilder(tokenizer, Small);
        var sampler = new DynamicBucketingSampler(MiniCorpus.Split("train"), new BucketingOptions { MaxDuration = 12, Buckets = 2, Seed = 1 });
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var options = new TrainerOptions
        {
            OutputDirectory = temp.Path, MaxSteps = 12, LearningRate = 1e-2, WarmupSteps = 2, LogEvery = 1,
            CheckpointEvery = 0, TensorBoard = false,
        };
        var result = new Trainer<WhisperBatch>(model, new WhisperCrossEntropyObjective(model), source, options).Run();

        var losses = File.ReadLines(temp.File("metrics.jsonl"))
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["ce"]!.GetValue<double>()).ToList();
        Assert.Equal(0, result.SkippedSteps);
        Assert.True(Math.Abs(losses[0] - Math.Log(51864)) < 0.5, $"an untrained model's CE is about ln(51864) = 10.9, got {losses[0]}");
        Assert.True(losses.TakeLast(3).Average() < losses.Take(3).Average() - 1.5, $"CE did not fall: {string.Join(", ", losses.Select(l => l.ToString("F2")))}");
    }
}
