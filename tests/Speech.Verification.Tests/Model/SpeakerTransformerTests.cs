using Speech.Core.Errors;
using Speech.Testing;
using Speech.Verification.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Verification.Tests.Model;

public sealed class SpeakerTransformerTests
{
    [Theory]
    [InlineData("class", 16)]
    [InlineData("distillation", 16)]
    [InlineData("mean", 16)]
    [InlineData("concat", 32)]
    public void Embeddings_have_the_configured_width_and_unit_norm(string embedding, long width)
    {
        using var scope = NewDisposeScope();
        using var model = SpeakerModels.Create(SpeakerModels.Student(embedding: embedding));
        model.eval();
        var (features, lengths) = SpeakerModels.Inputs();
        var output = model.Forward(features, lengths);
        Assert.Equal([3, 16], output.ClassState.shape);
        Assert.Equal([3, 16], output.DistillationState!.shape);
        Assert.Equal([3, 5], output.ClassLogits.shape);
        Assert.Equal([3, 5], output.DistillationLogits!.shape);
        var e = model.Embed(features, lengths);
        Assert.Equal([3, width], e.shape);
        foreach (float norm in e.norm(1).data<float>()) Assert.Equal(1f, norm, 5);
    }

    [Fact]
    public void Average_pooling_has_no_tokens_and_ignores_padding()
    {
        using var scope = NewDisposeScope();
        using var model = SpeakerModels.Create(SpeakerModels.Student(distillation: false) with { Pooling = "average" });
        model.eval();
        Assert.Equal(0, model.TokenCount);
        var (features, lengths) = SpeakerModels.Inputs();
        var padded = model.Embed(features, lengths);
        // The third utterance alone, cut to its 25 frames: same embedding.
        var alone = model.Embed(features.narrow(0, 2, 1).narrow(1, 0, 25), tensor(new long[] { 25 }));
        Assert.True(padded.narrow(0, 2, 1).allclose(alone, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Class_token_state_ignores_padding()
    {
        using var scope = NewDisposeScope();
        using var model = SpeakerModels.Create(SpeakerModels.Student());
        model.eval();
        var (features, lengths) = SpeakerModels.Inputs();
        var padded = model.Embed(features, lengths);
        var alone = model.Embed(features.narrow(0, 1, 1).narrow(1, 0, 33), tensor(new long[] { 33 }));
        Assert.True(padded.narrow(0, 1, 1).allclose(alone, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Seeded_models_repeat_exactly_also_when_sampling_class_tokens()
    {
        using var scope = NewDisposeScope();
        Tensor Run()
        {
            using var model = SpeakerModels.Create(SpeakerModels.Student(classTokens: 4));
            model.train();
            var (features, lengths) = SpeakerModels.Inputs();
            torch.manual_seed(99);
            return model.Forward(features, lengths).ClassLogits.detach().clone();
        }
        Assert.True(Run().allclose(Run(), rtol: 0, atol: 0));
    }

    [Fact]
    public void Sampled_class_tokens_differ_in_training_and_the_bank_mean_is_used_in_eval()
    {
        using var scope = NewDisposeScope();
        using var model = SpeakerModels.Create(SpeakerModels.Student(classTokens: 4) with { Dropout = 0 });
        var (features, lengths) = SpeakerModels.Inputs();
        var one = features.narrow(0, 0, 1).expand(16, -1, -1).contiguous();
        var counts = tensor(Enumerable.Repeat(40L, 16).ToArray());
        model.train();
        torch.manual_seed(3);
        var trained = model.Forward(one, counts).ClassState;
        Assert.False(trained.allclose(trained.narrow(0, 0, 1).expand(16, -1))); // 16 draws from 4 tokens
        model.eval();
        var evaluated = model.Forward(one, counts).ClassState;
        Assert.True(evaluated.allclose(evaluated.narrow(0, 0, 1).expand(16, -1)));
    }

    [Fact]
    public void A_saved_folder_loads_to_the_same_embeddings()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempDirectory();
        using var model = SpeakerModels.Create(SpeakerModels.Student(head: "aam", classTokens: 3));
        model.eval();
        var (features, lengths) = SpeakerModels.Inputs();
        SpeakerModelFolder.Save(model, folder.Path);
        using var loaded = SpeakerModelFolder.Load(folder.Path);
        Assert.Equal(model.Config, loaded.Config);
        Assert.True(model.Embed(features, lengths).allclose(loaded.Embed(features, lengths), rtol: 0, atol: 0));
        using var asMean = SpeakerModelFolder.Load(folder.Path, embedding: "mean");
        Assert.Equal("mean", asMean.Config.Embedding);
    }

    [Fact]
    public void Bad_configs_name_the_field_and_the_choices()
    {
        var error = Assert.Throws<ConfigException>(() => SpeakerModels.Student() with { Head = "cosface" } is var c ? c.Validated() : null);
        Assert.Contains("head 'cosface' (choose softmax, aam)", error.Message);
        Assert.Throws<ConfigException>(() => (SpeakerModels.Student(distillation: false) with { Embedding = "mean" }).Validated());
        Assert.Throws<ConfigException>(() => (SpeakerModels.Student() with { Pooling = "average" }).Validated());
    }
}
