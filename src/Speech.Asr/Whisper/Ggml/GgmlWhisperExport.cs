using Speech.Core.Features;

namespace Speech.Asr.Whisper.Ggml;

/// <summary>Writes a model as a whisper.cpp / Whisper.net file with Whisper's own mel filterbank
/// and the English vocabulary the toolkit ships.</summary>
public static class GgmlWhisperExport
{
    public static void Write(WhisperModel model, string path, string? ranksPath = null)
    {
        var vocabulary = TiktokenRanks.Load(ranksPath ?? WhisperTokenizer.DefaultRanksPath)
            .Append("<|endoftext|>"u8.ToArray()).ToArray();
        var filters = MelFilterBank.Slaney(WhisperLogMelOptions.SampleRate, WhisperLogMelOptions.FftSize, model.Config.NumMelBins);
        GgmlWhisperConverter.FromModel(model, filters, vocabulary).Write(path);
    }
}
