using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Captioning.Model;

/// <summary>A caption model folder: <c>config.json</c> (<see cref="CaptionConfig"/>),
/// <c>model.safetensors</c> and <c>vocab.json</c>; generation needs nothing else.</summary>
public static class CaptionCheckpoint
{
    public const string ConfigFile = "config.json", WeightsFile = "model.safetensors";

    public static void Save(CaptionModel model, CaptionVocabulary vocabulary, string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), model.Config.ToJson());
        SafetensorsState.Save(model, Path.Combine(folder, WeightsFile));
        vocabulary.Save(folder);
    }

    public static (CaptionModel Model, CaptionVocabulary Vocabulary) Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new CheckpointException($"{folder}: model folder not found");
        string configPath = Path.Combine(folder, ConfigFile);
        if (!File.Exists(configPath)) throw new CheckpointException($"{configPath}: not found");
        CaptionConfig config;
        try { config = JsonSerializer.Deserialize<CaptionConfig>(File.ReadAllText(configPath)) ?? throw new CheckpointException($"{configPath}: empty"); }
        catch (JsonException e) { throw new CheckpointException($"{configPath}: not a caption model config ({e.Message})"); }
        var vocabulary = CaptionVocabulary.Load(folder);
        if (vocabulary.Size != config.VocabSize)
            throw new CheckpointException($"{folder}: {CaptionVocabulary.FileName} has {vocabulary.Size} words, config.json says vocab_size {config.VocabSize}");
        var model = new CaptionModel(config);
        try { SafetensorsState.LoadInto(model, [SafetensorsFile.Open(Path.Combine(folder, WeightsFile))]); }
        catch { model.Dispose(); throw; }
        model.eval();
        return (model, vocabulary);
    }
}
