using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.Ctc;

/// <summary>A CTC model folder: <c>config.json</c> (<see cref="CtcConfig"/>), <c>model.safetensors</c>
/// and <c>vocab.json</c> (the characters), so decoding needs nothing but the folder.</summary>
public static class CtcCheckpoint
{
    const string ConfigFile = "config.json", WeightsFile = "model.safetensors";

    public static void Save(CtcModel model, CtcVocabulary vocabulary, string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), model.Config.ToJson());
        SafetensorsState.Save(model, Path.Combine(folder, WeightsFile));
        vocabulary.Save(folder);
    }

    public static (CtcModel Model, CtcVocabulary Vocabulary) Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new CheckpointException($"{folder}: model folder not found");
        var config = ReadConfig(Path.Combine(folder, ConfigFile));
        var vocabularyFile = Path.Combine(folder, CtcVocabulary.FileName);
        if (!File.Exists(vocabularyFile)) throw new CheckpointException($"{vocabularyFile}: missing (the model's characters)");
        var vocabulary = CtcVocabulary.Load(folder);
        if (vocabulary.Size != config.VocabSize)
            throw new CheckpointException($"{vocabularyFile}: {vocabulary.Size} units (blank + characters), but config.json says vocab_size {config.VocabSize}");
        var model = new CtcModel(config);
        try
        {
            SafetensorsState.LoadInto(model, new[] { SafetensorsFile.Open(Path.Combine(folder, WeightsFile)) });
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return (model, vocabulary);
    }

    static CtcConfig ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: config.json not found");
        try { return JsonSerializer.Deserialize<CtcConfig>(File.ReadAllText(path)) ?? throw new CheckpointException($"{path}: empty config"); }
        catch (JsonException e) { throw new CheckpointException($"{path}: not a CTC config ({e.Message})"); }
    }
}
