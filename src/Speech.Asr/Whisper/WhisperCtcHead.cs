using System.Text;
using Speech.Asr.Ctc;
using Speech.Core.Errors;
using Speech.Core.IO;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>The CTC head a hybrid training run (Whisper/Training's <c>WhisperWithCtcHead</c>) learned on
/// the encoder, kept beside a model folder for joint CTC/attention decoding: <c>ctc_head.safetensors</c>
/// (<c>ctc_head.weight [U, D]</c>, <c>ctc_head.bias [U]</c>) and <c>ctc_vocab.json</c> (its
/// characters). Hugging Face and whisper.cpp ignore both files.</summary>
public sealed class WhisperCtcHead : IDisposable
{
    public const string WeightsFile = "ctc_head.safetensors", VocabularyFile = "ctc_vocab.json";
    /// <summary>The head's tensor names in a hybrid training run's checkpoints and in <see cref="WeightsFile"/>.</summary>
    public const string HeadPrefix = "ctc_head.";
    const string Weight = HeadPrefix + "weight", Bias = HeadPrefix + "bias";

    readonly Tensor weight, bias;
    readonly Dictionary<string, int> units = new(StringComparer.Ordinal); // character → CTC unit

    public WhisperCtcHead(Tensor weight, Tensor bias, CtcVocabulary vocabulary)
    {
        if (weight.dim() != 2 || bias.dim() != 1 || bias.shape[0] != weight.shape[0])
            throw new ArgumentException($"a CTC head needs weight [U, D] and bias [U], not [{string.Join(", ", weight.shape)}] and [{string.Join(", ", bias.shape)}]");
        if (weight.shape[0] != vocabulary.Size)
            throw new ArgumentException($"the head has {weight.shape[0]} outputs, its vocabulary {vocabulary.Size} units");
        this.weight = weight.detach().to(ScalarType.Float32);
        this.bias = bias.detach().to(ScalarType.Float32);
        Vocabulary = vocabulary;
        var tokens = vocabulary.Characters.Tokens;
        for (int id = 1; id < tokens.Count; id++) units[tokens[id]] = id + 1; // unit = character id + 1
    }

    public CtcVocabulary Vocabulary { get; }

    public static bool ExistsIn(string folder) => File.Exists(Path.Combine(folder, WeightsFile)) && File.Exists(Path.Combine(folder, VocabularyFile));

    /// <summary>Reads the head beside a model folder; a clear error when either file is missing or
    /// the head does not fit the model's width.</summary>
    public static WhisperCtcHead Load(string folder, WhisperConfig config)
    {
        string weights = Path.Combine(folder, WeightsFile), vocabularyPath = Path.Combine(folder, VocabularyFile);
        if (!ExistsIn(folder))
            throw new CheckpointException($"{folder}: no CTC head ({WeightsFile} and {VocabularyFile}); only a model trained with --ctc-weight " +
                "(or averaged from such a run's checkpoints) has one");
        var file = SafetensorsFile.Open(weights);
        foreach (string name in new[] { Weight, Bias })
            if (!file.Entries.ContainsKey(name)) throw new CheckpointException($"{weights}: tensor '{name}' is missing");
        var vocabulary = CtcVocabulary.Load(folder, VocabularyFile);
        using var w = file.Load(Weight);
        using var b = file.Load(Bias);
        if (w.dim() != 2 || w.shape[1] != config.DModel || b.dim() != 1 || b.shape[0] != w.shape[0] || w.shape[0] != vocabulary.Size)
            throw new CheckpointException($"{weights}: '{Weight}' is [{string.Join(", ", w.shape)}] and '{Bias}' [{string.Join(", ", b.shape)}], " +
                $"but the model is {config.DModel} wide and {vocabularyPath} has {vocabulary.Size} units");
        return new WhisperCtcHead(w, b, vocabulary);
    }

    /// <summary>Writes the head's two files into a model folder (float32 unless <paramref name="dtype"/>
    /// says otherwise: shipped models store bf16; <see cref="Load"/> computes in float32 either way).</summary>
    public static void Save(string folder, Tensor weight, Tensor bias, CtcVocabulary vocabulary, ScalarType dtype = ScalarType.Float32)
    {
        if (weight.dim() != 2 || weight.shape[0] != vocabulary.Size)
            throw new CheckpointException($"{folder}: the CTC head has {weight.shape[0]} outputs but its vocabulary {vocabulary.Size} units");
        Directory.CreateDirectory(folder);
        using var w = weight.detach().to(dtype).cpu();
        using var b = bias.detach().to(dtype).cpu();
        SafetensorsFile.Write(Path.Combine(folder, WeightsFile), new[] { KeyValuePair.Create(Weight, w), KeyValuePair.Create(Bias, b) });
        vocabulary.Save(folder, VocabularyFile);
    }

    /// <summary>Writes this head into a model folder in <paramref name="dtype"/>.</summary>
    public void Save(string folder, ScalarType dtype) => Save(folder, weight, bias, Vocabulary, dtype);

    /// <summary>Copies a folder's head files into another (a student that keeps its teacher's encoder
    /// can use its head); false when the source has none.</summary>
    public static bool CopyFiles(string fromFolder, string toFolder)
    {
        if (!ExistsIn(fromFolder)) return false;
        Directory.CreateDirectory(toFolder);
        foreach (string name in new[] { WeightsFile, VocabularyFile })
            File.Copy(Path.Combine(fromFolder, name), Path.Combine(toFolder, name), overwrite: true);
        return true;
    }

    /// <summary>The head's weight and bias among a training checkpoint's weights (a hybrid run's);
    /// false when they hold no head.</summary>
    public static bool TryFind(IReadOnlyDictionary<string, Tensor> checkpointWeights, out Tensor weight, out Tensor bias)
    {
        bias = null!;
        return checkpointWeights.TryGetValue(Weight, out weight!) && checkpointWeights.TryGetValue(Bias, out bias!);
    }

    /// <summary>The CTC units of a decoded text as the head learned them from transcripts: leading
    /// space dropped, runs of spaces one space, each character as it is or in the other case (a
    /// LibriSpeech run learns upper-case, the decoder writes sentence case); a letter or digit the
    /// transcripts never had is the unknown unit, other symbols (punctuation) have no unit.</summary>
    public IReadOnlyList<int> UnitsOf(string text)
    {
        var result = new List<int>(text.Length);
        bool space = false;
        foreach (var rune in text.TrimStart().EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) { space = true; continue; }
            if (space && result.Count > 0 && units.TryGetValue(" ", out int blankUnit)) result.Add(blankUnit);
            space = false;
            if (units.TryGetValue(rune.ToString(), out int unit) || units.TryGetValue(Rune.ToUpperInvariant(rune).ToString(), out unit)
                || units.TryGetValue(Rune.ToLowerInvariant(rune).ToString(), out unit))
                result.Add(unit);
            else if (Rune.IsLetterOrDigit(rune)) result.Add(UnknownUnit);
        }
        return result;
    }

    /// <summary>The unit of the character vocabulary's <c>&lt;unk&gt;</c> (character id 0).</summary>
    public const int UnknownUnit = 1;

    /// <summary>Per-frame CTC log-probabilities <c>[B, S, U]</c> (float32) of encoder states <c>[B, S, D]</c>.</summary>
    public Tensor LogProbabilities(Tensor encoderStates)
    {
        using var scope = NewDisposeScope();
        var w = weight.to(encoderStates.device);
        var b = bias.to(encoderStates.device);
        var logits = nn.functional.linear(encoderStates.to(ScalarType.Float32), w, b);
        return nn.functional.log_softmax(logits, -1).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        weight.Dispose();
        bias.Dispose();
    }
}
