using System.Text.Json.Nodes;
using Speech.Asr.Whisper.Loading;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Opens a teacher folder as an <see cref="IEmbeddingTeacher"/>: a Hugging Face Whisper
/// folder (<c>config.json</c> with <c>model_type: whisper</c>) or a CTC model folder of this toolkit.</summary>
public static class EmbeddingTeachers
{
    public static IEmbeddingTeacher Load(string folder, int layer, Device device)
    {
        string config = Path.Combine(folder, "config.json");
        if (!File.Exists(config)) throw new CheckpointException($"{folder}: no config.json: not a Whisper or CTC model folder");
        JsonNode? json;
        try { json = JsonNode.Parse(File.ReadAllText(config)); }
        catch (System.Text.Json.JsonException e) { throw new CheckpointException($"{config}: not JSON ({e.Message})"); }
        if (json?["model_type"]?.GetValue<string>() == "whisper")
        {
            var whisper = WhisperLoader.Load(folder, device);
            try { return new WhisperEmbeddingTeacher(whisper, layer); }
            catch
            {
                whisper.Dispose();
                throw;
            }
        }
        return new CtcEmbeddingTeacher(folder, layer, device);
    }
}
