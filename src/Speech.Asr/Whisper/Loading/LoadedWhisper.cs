using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Loading;

/// <summary>A Whisper model opened by <see cref="WhisperLoader"/>: the model on its device in its
/// precision, the tokenizer that belongs to it, and the CTC head when one was asked for. Owns the
/// model and the head.</summary>
public sealed class LoadedWhisper(string path, WhisperModel model, WhisperCtcHead? ctcHead, Device device, Precision precision)
    : IDisposable
{
    /// <summary>The HF folder or ggml file it was read from.</summary>
    public string Path => path;
    public WhisperModel Model => model;
    WhisperTokenizer? tokenizer;

    /// <summary>The model's own tokenizer (its folder's files, or the English one that ships with the
    /// toolkit), read at first use: exporting a multilingual ggml model needs none.</summary>
    public WhisperTokenizer Tokenizer => tokenizer ??= WhisperTokenizer.ForModel(path, model.Config.VocabSize);
    public WhisperCtcHead? CtcHead => ctcHead;
    public Device Device => device;
    public Precision Precision => precision;

    public void Dispose()
    {
        ctcHead?.Dispose();
        model.Dispose();
    }
}
