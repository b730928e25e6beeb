using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Verification.Model;

/// <summary>A speaker model folder: <c>config.json</c> (<see cref="SpeakerTransformerConfig"/>) and
/// <c>model.safetensors</c>, so embedding needs nothing but the folder.</summary>
public static class SpeakerModelFolder
{
    public const string ConfigFile = "config.json", WeightsFile = "model.safetensors";

    public static void Save(SpeakerTransformer model, string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), model.Config.ToJson());
        SafetensorsState.Save(model, Path.Combine(folder, WeightsFile));
    }

    /// <summary>Loads for inference (eval mode). <paramref name="embedding"/> overrides the saved
    /// token choice (<c>class</c>, <c>distillation</c>, <c>mean</c>, <c>concat</c>): one trained model,
    /// several embeddings to compare.</summary>
    public static SpeakerTransformer Load(string folder, string? embedding = null)
    {
        if (!Directory.Exists(folder)) throw new CheckpointException($"{folder}: model folder not found");
        string configPath = Path.Combine(folder, ConfigFile);
        if (!File.Exists(configPath)) throw new CheckpointException($"{configPath}: not found");
        var config = SpeakerTransformerConfig.FromJson(File.ReadAllText(configPath), configPath);
        if (embedding is not null) config = (config with { Embedding = embedding }).Validated();
        string weights = Path.Combine(folder, WeightsFile);
        if (!File.Exists(weights)) throw new CheckpointException($"{weights}: not found");
        var model = new SpeakerTransformer(config);
        try
        {
            SafetensorsState.LoadInto(model, [SafetensorsFile.Open(weights)]);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }
}
