using Speech.Asr.Inference;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Engines;

public sealed class TorchWhisperEngineTests
{
    static readonly WhisperConfig Config = WhisperModelTests.TinyEnglish with { MaxSourcePositions = 100, MaxTargetPositions = 40 };

    static float[] Tone(double hertz, int samples) =>
        Enumerable.Range(0, samples).Select(i => (float)(0.2 * Math.Sin(2 * Math.PI * hertz * i / 16000))).ToArray();

    [Fact]
    public void Batched_transcription_gives_the_tokens_of_one_at_a_time()
    {
        using var model = WhisperModelTests.Varied(Config, 71);
        var tokenizer = WhisperTokenizer.English();
        var audio = new[] { Tone(220, 16000), Tone(880, 24000), Tone(440, 40000) };
        using var batched = new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BatchSize = 3, MaxNewTokens = 20 });
        using var single = new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BatchSize = 1, MaxNewTokens = 20 });

        var together = batched.Transcribe(audio);
        var alone = single.Transcribe(audio);
        for (int i = 0; i < audio.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(tokenizer.Decode(together[i].Tokens).Trim(), together[i].Text);
            Assert.All(together[i].Tokens, id => Assert.True(id < tokenizer.Special.EndOfText));
        }
    }

    [Fact]
    public void Features_fill_the_model_window()
    {
        using var model = WhisperModelTests.Varied(Config, 72);
        using var engine = new TorchWhisperEngine(model, WhisperTokenizer.English());
        using var scope = NewDisposeScope();
        Assert.Equal(32000, engine.WindowSamples); // 100 positions x 2 frames x 160 samples
        var features = engine.Features(new[] { Tone(300, 5000), Tone(300, 50000) });
        Assert.Equal(new long[] { 2, 80, 200 }, features.shape);
    }

    [Fact]
    public void A_beam_engine_gives_the_beam_search_of_each_utterance_and_refuses_timestamps()
    {
        using var model = WhisperModelTests.Varied(Config, 73);
        var tokenizer = WhisperTokenizer.English();
        var audio = new[] { Tone(330, 16000), Tone(660, 30000) };
        using var engine = new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BatchSize = 2, MaxNewTokens = 12, BeamSize = 4 });
        var transcripts = engine.Transcribe(audio);

        using var scope = NewDisposeScope();
        var states = model.Encode(engine.Features(audio));
        var expected = Speech.Asr.Whisper.Decoding.BeamSearchDecoder.Decode(model, states, engine.Options, beamSize: 4);
        for (int i = 0; i < audio.Length; i++) Assert.Equal(expected[i], transcripts[i].Tokens);
        Assert.Throws<ConfigException>(() => new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BeamSize = 4, Timestamps = true }));
        Assert.Throws<ConfigException>(() => new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BeamSize = 0 }));
        Assert.Throws<ConfigException>(() => new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { CtcWeight = 0.3 })); // no CTC head
    }
}
