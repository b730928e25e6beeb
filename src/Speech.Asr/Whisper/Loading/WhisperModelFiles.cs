using Speech.Asr.Whisper.Ggml;
using Speech.Core.Errors;

namespace Speech.Asr.Whisper.Loading;

/// <summary>Opens a model by path: a Hugging Face folder, or a whisper.cpp ggml file.</summary>
public static class WhisperModelFiles
{
    public static bool IsGgml(string path) => File.Exists(path) && !Directory.Exists(path);

    public static WhisperModel Load(string path)
    {
        if (Directory.Exists(path)) return WhisperCheckpoint.Load(path);
        if (File.Exists(path)) return GgmlWhisperConverter.ToModel(GgmlWhisperFile.Read(path), path);
        throw new CheckpointException($"{path}: no model folder or ggml file there");
    }
}
