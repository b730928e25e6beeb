using Speech.Captioning.Model;
using Speech.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Tests.Model;

public sealed class CaptionModelTests
{
    [Fact]
    public void ShapesFollowTheConfig()
    {
        var config = CaptionModelFixtures.Tiny();
        using var model = CaptionModelFixtures.Model(config);
        var (features, lengths) = CaptionModelFixtures.Inputs();
        using var scope = NewDisposeScope();
        var audio = model.Encode(features, lengths);
        Assert.Equal(new long[] { 3, 10, 16 }, audio.Frames.shape); // 40 frames / 2^2 blocks
        Assert.Equal(new long[] { 3, 16 }, audio.Clip.shape);
        Assert.Equal(new long[] { 10, 10, 5 }, audio.Lengths.data<long>().ToArray());
        var (memory, mask) = model.Memory(audio);
        var logits = model.Logits(tensor(new long[] { 1, 4, 5, 1, 6, 0, 1, 7, 8 }, [3, 3]), memory, mask);
        Assert.Equal(new long[] { 3, 3, 12 }, logits.shape);
    }

    /// <summary>The clip embedding is the mean over valid frames only: padding frames beyond a clip's
    /// length do not change it.</summary>
    [Fact]
    public void ClipEmbeddingIgnoresPadding()
    {
        using var model = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny());
        var (features, lengths) = CaptionModelFixtures.Inputs();
        using var scope = NewDisposeScope();
        var changed = features.clone();
        changed[2, TensorIndex.Slice(23, null)] = randn(17, 16); // frame 23 on: past clip 2's 20 frames and the 3×3 convolutions' reach
        var a = model.Encode(features, lengths).Clip[2];
        var b = model.Encode(changed, lengths).Clip[2];
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void OutputLayerIsTheWordEmbedding()
    {
        using var model = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny());
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("embed_tokens.weight", names);
        Assert.DoesNotContain(names, n => n.Contains("lm_head") || n.Contains("output_proj"));
    }

    [Fact]
    public void SavedFolderLoadsToIdenticalOutputs()
    {
        using var temp = new TempDirectory();
        var config = CaptionModelFixtures.Tiny();
        var vocabulary = CaptionVocabulary.Build(["a dog barks", "a bell rings twice", "rain falls"]);
        config = config with { VocabSize = vocabulary.Size };
        using var model = CaptionModelFixtures.Model(config);
        CaptionCheckpoint.Save(model, vocabulary, temp.Path);
        Assert.True(File.Exists(temp.File("config.json")) && File.Exists(temp.File("model.safetensors")) && File.Exists(temp.File("vocab.json")));
        var (loaded, loadedVocabulary) = CaptionCheckpoint.Load(temp.Path);
        using (loaded)
        {
            var (features, lengths) = CaptionModelFixtures.Inputs();
            using var scope = NewDisposeScope();
            var tokens = tensor(new long[] { 1, 4, 5, 1, 6, 7, 1, 8, 9 }, [3, 3]);
            var (m1, k1) = model.Memory(model.Encode(features, lengths));
            var (m2, k2) = loaded.Memory(loaded.Encode(features, lengths));
            Assert.True(model.Logits(tokens, m1, k1).eq(loaded.Logits(tokens, m2, k2)).all().item<bool>());
            Assert.Equal(CaptionSearch.Generate(model, features, lengths), CaptionSearch.Generate(loaded, features, lengths));
            Assert.Equal(vocabulary.Decode([4, 5, 2, 6]), loadedVocabulary.Decode([4, 5, 2, 6]));
        }
    }

    /// <summary>Beam search with one beam keeps the single best extension each step: the greedy path.
    /// Several random models and clips, so both early end tokens and the length limit occur.</summary>
    [Fact]
    public void BeamOfOneIsGreedy()
    {
        for (long seed = 1; seed <= 4; seed++)
        {
            using var model = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny(), seed);
            var (features, lengths) = CaptionModelFixtures.Inputs(batch: 4, seed: seed);
            var greedy = CaptionSearch.Greedy(model, features, lengths);
            var beam = CaptionSearch.BeamSearch(model, features, lengths, beams: 1);
            Assert.Equal(greedy, beam);
        }
    }

    /// <summary>Generated captions hold words only (no bos/eos) and at most max_length of them.</summary>
    [Fact]
    public void BeamCaptionsRespectTheLengthLimit()
    {
        using var model = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny());
        var (features, lengths) = CaptionModelFixtures.Inputs();
        foreach (var caption in CaptionSearch.Generate(model, features, lengths))
        {
            Assert.True(caption.Length <= model.Config.MaxLength);
            Assert.DoesNotContain(CaptionVocabulary.Eos, caption);
            Assert.DoesNotContain(CaptionVocabulary.Bos, caption);
        }
    }

    [Fact]
    public void RepeatedGenerationKeepsTheLiveTensorCountFlat()
    {
        using var model = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny());
        var (features, lengths) = CaptionModelFixtures.Inputs();
        CaptionSearch.Generate(model, features, lengths); // warm up lazily made tensors
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
        {
            CaptionSearch.Generate(model, features, lengths, beamSize: 3);
            CaptionSearch.Generate(model, features, lengths, beamSize: 1);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
