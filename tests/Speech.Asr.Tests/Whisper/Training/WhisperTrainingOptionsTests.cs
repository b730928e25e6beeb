using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Features;
using Speech.Core.Nn;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Training;

public sealed class WhisperTrainingOptionsTests
{
    [Fact]
    public void Ctc_pretraining_trains_the_encoder_and_never_runs_the_decoder()
    {
        manual_seed(5);
        using var model = new WhisperModel(WhisperTrainingTests.Small);
        var cuts = MiniCorpus.Split("dev").Take(2).ToList();
        var characters = new Speech.Asr.Ctc.CtcVocabulary(Speech.Core.Text.CharacterTokenizer.Train(cuts.Select(c => c.Text!)));
        using var hybrid = new WhisperWithCtcHead(model, characters.Size);
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), WhisperTrainingTests.Small, ctcCharacters: characters);
        using var batch = builder.Build(cuts);

        var terms = new WhisperHybridObjective(hybrid, ctcWeight: 1, ceWeight: 0).Compute(batch);
        Assert.Equal("ctc", Assert.Single(terms).Name);
        terms[0].Value.backward();
        var gradients = hybrid.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        Assert.All(gradients.Where(g => g.Key.StartsWith("model.decoder.")), g => Assert.Null(g.Value));
        Assert.True(gradients["model.encoder.conv1.weight"]!.abs().sum().item<float>() > 0);
        Assert.True(gradients["ctc_head.weight"]!.abs().sum().item<float>() > 0);
        // With both weights the terms are the cross-entropy and the CTC loss.
        Assert.Equal(new[] { "ce", "ctc" }, new WhisperHybridObjective(hybrid, 0.3).Compute(batch).Select(t => t.Name));
    }

    [Fact]
    public void SpecAugment_masks_the_speech_not_the_padding_and_repeats_for_the_same_cuts()
    {
        var config = WhisperTrainingTests.Small; // a 3 s window
        var cuts = MiniCorpus.Split("dev").Take(3).ToList();
        var masks = new SpecAugmentOptions { FrequencyMasks = 2, MaxFrequencyWidth = 20, TimeMasks = 2, MaxTimeWidth = 40 };
        using var plain = new WhisperBatchBuilder(WhisperTokenizer.English(), config);
        using var augmented = new WhisperBatchBuilder(WhisperTokenizer.English(), config, augmentation: new WhisperAugmentation(masks, Seed: 9));
        using var clean = plain.Build(cuts);
        using var first = augmented.Build(cuts);
        using var again = augmented.Build(cuts);

        Assert.True(first.Features.eq(again.Features).all().item<bool>(), "the same cuts must get the same masks");
        var changed = first.Features.ne(clean.Features); // [B, mels, frames]
        Assert.True(changed.any().item<bool>());
        for (int b = 0; b < cuts.Count; b++)
        {
            long speech = (long)Math.Round(cuts[b].Duration * 100);
            var beyond = changed[b].narrow(1, speech + 1, changed.shape[2] - speech - 1);
            Assert.False(beyond.any().item<bool>(), $"cut {b}: a mask fell on the window's padding after frame {speech}");
            // Masked cells hold the mask value, 0.
            Assert.True(first.Features[b].masked_select(changed[b]).eq(Scalars.Zero).all().item<bool>());
        }
        // Another seed draws other masks.
        using var other = new WhisperBatchBuilder(WhisperTokenizer.English(), config, augmentation: new WhisperAugmentation(masks, Seed: 10));
        using var otherBatch = other.Build(cuts);
        Assert.False(otherBatch.Features.eq(first.Features).all().item<bool>());
    }

    [Fact]
    public void A_hybrid_run_continues_the_ctc_head_of_a_checkpoint_and_not_of_a_saved_model()
    {
        using var temp = new TempDirectory();
        manual_seed(6);
        using var model = new WhisperModel(WhisperTrainingTests.Small);
        using var trained = new WhisperWithCtcHead(model, units: 12);
        Speech.Core.IO.SafetensorsState.Save(trained, temp.File("checkpoint.safetensors"));
        Speech.Core.IO.SafetensorsState.Save(model, temp.File("model.safetensors"));

        using var fresh = new WhisperWithCtcHead(model, units: 12);
        Assert.False(fresh.state_dict()["ctc_head.weight"].eq(trained.state_dict()["ctc_head.weight"]).all().item<bool>());
        Assert.False(fresh.TryLoadHead(Speech.Core.IO.SafetensorsFile.Open(temp.File("model.safetensors"))));
        Assert.True(fresh.TryLoadHead(Speech.Core.IO.SafetensorsFile.Open(temp.File("checkpoint.safetensors"))));
        Assert.True(fresh.state_dict()["ctc_head.weight"].eq(trained.state_dict()["ctc_head.weight"]).all().item<bool>());
        Assert.True(fresh.state_dict()["ctc_head.bias"].eq(trained.state_dict()["ctc_head.bias"]).all().item<bool>());
        // A head over another character set is not taken.
        using var other = new WhisperWithCtcHead(model, units: 13);
        Assert.False(other.TryLoadHead(Speech.Core.IO.SafetensorsFile.Open(temp.File("checkpoint.safetensors"))));
    }

    [Fact]
    public void Decoder_input_noise_replaces_a_share_of_the_text_inputs_with_batch_tokens_and_never_the_prompts_or_labels()
    {
        var cuts = MiniCorpus.Split("train").ToList(); // 96 cuts, about 700 text inputs
        using var plain = new WhisperBatchBuilder(WhisperTokenizer.English(), WhisperTrainingTests.Small);
        using var noisy = new WhisperBatchBuilder(WhisperTokenizer.English(), WhisperTrainingTests.Small, augmentation: new WhisperAugmentation(InputNoise: new DecoderInputNoise(0.3), Seed: 3));
        using var clean = plain.Build(cuts);
        using var first = noisy.Build(cuts);
        using var again = noisy.Build(cuts);

        Assert.True(first.Labels.eq(clean.Labels).all().item<bool>());
        Assert.True(first.DecoderInput.eq(again.DecoderInput).all().item<bool>(), "the same cuts must get the same noise");
        long[] before = clean.DecoderInput.data<long>().ToArray(), after = first.DecoderInput.data<long>().ToArray();
        long length = clean.DecoderInput.shape[1];
        int text = 0, changed = 0;
        var pool = new HashSet<long>();
        for (int b = 0; b < cuts.Count; b++)
        {
            int count = plain.TokenSequence(cuts[b].Text!).Count; // sot, notimestamps, text..., eot
            for (int u = 2; u < count - 1; u++) pool.Add(before[b * length + u]);
        }
        for (int b = 0; b < cuts.Count; b++)
        {
            int count = plain.TokenSequence(cuts[b].Text!).Count;
            for (int u = 0; u < length; u++)
            {
                long i = b * length + u;
                if (u < 2 || u >= count - 1) { Assert.Equal(before[i], after[i]); continue; } // prompts and padding stay
                text++;
                if (before[i] != after[i]) { changed++; Assert.Contains(after[i], pool); }
            }
        }
        // Binomial(~700, 0.3) (σ ≈ 0.017), less the replacements that drew the same token: ±4σ.
        Assert.InRange(changed / (double)text, 0.22, 0.37);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecoderInputNoise(1.0));
    }

    [Fact]
    public void A_tokenizer_of_another_vocabulary_is_refused()
    {
        // A multilingual model (51865 tokens) numbers its special tokens one higher than the English
        // tokenizer (51864): its labels would train the wrong ids.
        var multilingual = WhisperTrainingTests.Small with { VocabSize = 51865 };
        var error = Assert.Throws<Speech.Core.Errors.ConfigException>(() => new WhisperBatchBuilder(WhisperTokenizer.English(), multilingual));
        Assert.Contains("51864 tokens but the model 51865", error.Message);
    }
}
