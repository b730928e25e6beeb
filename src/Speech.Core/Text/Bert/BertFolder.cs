using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.IO;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>A BERT as a Hugging Face folder: <c>config.json</c>, <c>model.safetensors</c> and
/// <c>vocab.txt</c>. Loading accepts what <c>save_pretrained</c> of <c>BertForMaskedLM</c> and the
/// public uncased checkpoints hold: old <c>LayerNorm.gamma/beta</c> names, the output bias stored as
/// <c>cls.predictions.decoder.bias</c>, and tensors this model has no use for (pooler, next-sentence
/// head, the tied <c>cls.predictions.decoder.weight</c>, <c>position_ids</c>) left unread.</summary>
public static class BertFolder
{
    public const string ConfigFile = "config.json", WeightsFile = "model.safetensors";
    static readonly string[] Unused = ["bert.pooler.", "cls.seq_relationship.", "cls.predictions.decoder.", "bert.embeddings.position_ids"];

    public static void Save(BertMaskedLm model, BertWordPiece vocabulary, string folder)
    {
        if (vocabulary.VocabularySize != model.Config.VocabSize)
            throw new ArgumentException($"vocabulary of {vocabulary.VocabularySize} tokens for a model of {model.Config.VocabSize}");
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), model.Config.ToJson());
        SafetensorsState.Save(model, Path.Combine(folder, WeightsFile), new Dictionary<string, string> { ["format"] = "pt" }, ScalarType.Float32);
        vocabulary.Save(Path.Combine(folder, BertWordPiece.FileName));
    }

    public static (BertMaskedLm Model, BertWordPiece Vocabulary) Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new CheckpointException($"{folder}: BERT folder not found");
        var config = ReadConfig(Path.Combine(folder, ConfigFile));
        var vocabulary = BertWordPiece.Load(Path.Combine(folder, BertWordPiece.FileName));
        if (vocabulary.VocabularySize != config.VocabSize)
            throw new CheckpointException($"{folder}: vocab.txt has {vocabulary.VocabularySize} tokens, config.json says vocab_size {config.VocabSize}");
        string weights = Path.Combine(folder, WeightsFile);
        if (!File.Exists(weights)) throw new CheckpointException($"{weights}: not found (convert a pytorch_model.bin to safetensors first)");
        var model = new BertMaskedLm(config);
        try
        {
            LoadWeights(model, SafetensorsFile.Open(weights));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return (model, vocabulary);
    }

    static void LoadWeights(BertMaskedLm model, SafetensorsFile file)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, target) in model.state_dict())
        {
            string stored = Candidates(name).FirstOrDefault(file.Entries.ContainsKey)
                ?? throw new CheckpointException($"{file.Path}: tensor '{name}' is missing (is this a BertForMaskedLM?)");
            var entry = file.Entries[stored];
            if (!entry.Shape.SequenceEqual(target.shape))
                throw new CheckpointException($"{file.Path}: tensor '{stored}' has shape [{string.Join(", ", entry.Shape)}], the config expects [{string.Join(", ", target.shape)}]");
            target.copy_(file.Load(stored).to(target.dtype, target.device));
            used.Add(stored);
        }
        string? extra = file.Entries.Keys.FirstOrDefault(n => !used.Contains(n) && !Unused.Any(u => n.StartsWith(u, StringComparison.Ordinal)));
        if (extra is not null) throw new CheckpointException($"{file.Path}: tensor '{extra}' does not belong to a BertForMaskedLM");
    }

    static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal)) yield return name[..^"weight".Length] + "gamma";
        if (name.EndsWith("LayerNorm.bias", StringComparison.Ordinal)) yield return name[..^"bias".Length] + "beta";
        if (name == "cls.predictions.bias") yield return "cls.predictions.decoder.bias";
    }

    static BertConfig ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: not found");
        try
        {
            var config = JsonSerializer.Deserialize<BertConfig>(File.ReadAllText(path)) ?? throw new CheckpointException($"{path}: empty config");
            if (config.ModelType != "bert") throw new CheckpointException($"{path}: model_type '{config.ModelType}', expected bert");
            return config;
        }
        catch (JsonException e) { throw new CheckpointException($"{path}: not a BERT config ({e.Message})"); }
    }
}
