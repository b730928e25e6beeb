using System.Text.Json.Nodes;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.Whisper;

/// <summary>Hugging Face Whisper model folders: <c>config.json</c> plus <c>model.safetensors</c> or a
/// sharded <c>model.safetensors.index.json</c>, and <c>generation_config.json</c> when there is one. Saving writes the same layout (with
/// <c>architectures</c> set), so students trained here load in transformers.</summary>
public static class WhisperCheckpoint
{
    const string ConfigFile = "config.json", WeightsFile = "model.safetensors", IndexFile = "model.safetensors.index.json";
    /// <summary>HF ties the output projection to the token embedding; some files carry a copy. A hybrid
    /// training run's checkpoints also carry its CTC head (<see cref="Training.WhisperWithCtcHead"/>).</summary>
    static readonly HashSet<string> Tied = new() { "proj_out.weight", "ctc_head.weight", "ctc_head.bias" };

    public static WhisperModel Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new CheckpointException($"{folder}: model folder not found");
        var config = WhisperConfig.Load(Path.Combine(folder, ConfigFile));
        var model = new WhisperModel(config);
        try
        {
            SafetensorsState.LoadInto(model, WeightFiles(folder), strict: true, ignore: Tied);
            model.Generation = WhisperGenerationConfig.Load(folder);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>Writes the folder; <paramref name="dtype"/> (bf16 or f16) stores the floating-point
    /// weights smaller, as shipped checkpoints are (<see cref="Load"/> casts them back to the model's
    /// float32 parameters).</summary>
    public static void Save(WhisperModel model, string folder, TorchSharp.torch.ScalarType? dtype = null)
    {
        Directory.CreateDirectory(folder);
        var config = JsonNode.Parse(model.Config.ToJson())!.AsObject();
        config["architectures"] = new JsonArray("WhisperForConditionalGeneration");
        config["torch_dtype"] = TorchDtypeName(dtype ?? TorchSharp.torch.ScalarType.Float32);
        File.WriteAllText(Path.Combine(folder, ConfigFile), config.ToJsonString(new() { WriteIndented = true }));
        SafetensorsState.Save(model, Path.Combine(folder, WeightsFile), new Dictionary<string, string> { ["format"] = "pt" }, dtype);
        // Only Whisper's own vocabularies have the special tokens a generation config names.
        if (model.Config.VocabSize is >= 51864 and <= 51866)
            (model.Generation ?? WhisperGenerationConfig.Defaults(model.Config)).Save(folder, model.Config);
    }

    /// <summary>transformers' name for a storage dtype (<c>config.json</c>'s <c>torch_dtype</c>).</summary>
    static string TorchDtypeName(TorchSharp.torch.ScalarType dtype) => dtype switch
    {
        TorchSharp.torch.ScalarType.Float32 => "float32",
        TorchSharp.torch.ScalarType.BFloat16 => "bfloat16",
        TorchSharp.torch.ScalarType.Float16 => "float16",
        _ => throw new ArgumentException($"{dtype}: a Whisper folder stores float32, bfloat16 or float16 weights"),
    };

    static List<SafetensorsFile> WeightFiles(string folder)
    {
        string single = Path.Combine(folder, WeightsFile), index = Path.Combine(folder, IndexFile);
        if (File.Exists(single)) return new List<SafetensorsFile> { SafetensorsFile.Open(single) };
        if (!File.Exists(index)) throw new CheckpointException($"{folder}: neither {WeightsFile} nor {IndexFile} is there");
        JsonObject? map;
        try { map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject; }
        catch (System.Text.Json.JsonException e) { throw new CheckpointException($"{index}: not valid JSON ({e.Message})"); }
        if (map is null) throw new CheckpointException($"{index}: no weight_map");
        return map.Select(p => p.Value?.GetValue<string>() ?? throw new CheckpointException($"{index}: tensor '{p.Key}' has no file"))
            .Distinct().Select(file => SafetensorsFile.Open(Path.Combine(folder, file))).ToList();
    }
}
