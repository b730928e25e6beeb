using System.CommandLine;
using Speech.Asr.Whisper.Engines;
using Speech.Core.Errors;

namespace Speech.Cli.Whisper;

/// <summary><c>--beam</c> and <c>--ctc-weight</c>: how the torch engine searches, shared by
/// <c>whisper transcribe</c> and <c>distil-whisper pseudo-label</c> (one description, one check).</summary>
public sealed class WhisperDecodingOptions
{
    readonly Option<int> beam = new("--beam")
    {
        Description = "Torch engine: 1 decodes greedily (whisper.cpp's default, distil-whisper's pseudo-labels, and what speculative decoding " +
                      "reproduces); more keeps that many hypotheses (Whisper's beam search, length-normalised ranking), one utterance at a time.",
        DefaultValueFactory = _ => 1,
    };
    readonly Option<double> ctcWeight = new("--ctc-weight")
    {
        Description = "Torch engine, a model folder with the CTC head of a hybrid training run (ctc_head.safetensors, ctc_vocab.json): " +
                      "joint CTC/attention beam search (ESPnet's hybrid decoding) with --beam hypotheses, each scored " +
                      "(1 - W) * log P(attention) + W * log P(CTC prefix). The CTC term keeps the decoder to what the audio holds. " +
                      "0 (the default) decodes with the attention decoder alone; ESPnet's usual weight is 0.3.",
        DefaultValueFactory = _ => 0,
    };

    public IEnumerable<Option> All => new Option[] { beam, ctcWeight };

    /// <summary>The beam size and CTC weight, checked, as decoding settings (the verb adds the rest).</summary>
    public WhisperDecodingSettings Read(ParseResult parse)
    {
        int size = parse.GetValue(beam);
        double weight = parse.GetValue(ctcWeight);
        if (size < 1) throw new ConfigException($"--beam {size}: at least 1");
        if (weight is < 0 or > 1) throw new ConfigException($"--ctc-weight {weight}: a weight in [0, 1]");
        return new WhisperDecodingSettings { BeamSize = size, CtcWeight = weight };
    }
}
