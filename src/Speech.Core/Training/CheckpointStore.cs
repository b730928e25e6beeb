using System.Security.Cryptography;
using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.IO;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>Checkpoints in <c>checkpoints/step-NNNNNNNN/</c> (model.safetensors, optimizer.safetensors,
/// trainer_state.json with checksums, optional config.json). Each is written into a temporary
/// folder and renamed, then <c>latest.txt</c> is replaced; a crash mid-write leaves a temporary
/// folder that is never picked. Keeps the last k and the best by metric.</summary>
public sealed class CheckpointStore
{
    public const string ModelFile = "model.safetensors", OptimizerFile = "optimizer.safetensors",
        StateFile = "trainer_state.json", ConfigFile = "config.json";
    const string LatestFile = "latest.txt", BestFile = "best.txt", Prefix = "step-";
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public CheckpointStore(string directory, int keepLast = 3)
    {
        Directory = directory;
        KeepLast = Math.Max(1, keepLast);
    }

    public string Directory { get; }
    public int KeepLast { get; }

    public static string FolderName(long step) => $"{Prefix}{step:D8}";

    /// <summary>Writes a checkpoint; returns its folder. <paramref name="higherIsBetter"/> decides
    /// how <see cref="TrainerState.Metric"/> ranks checkpoints for best.txt.</summary>
    public string Save(IReadOnlyDictionary<string, Tensor> model, IReadOnlyDictionary<string, Tensor> optimizer,
        TrainerState state, string? configJson = null, bool higherIsBetter = false)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string name = FolderName(state.Step), final = Path.Combine(Directory, name);
        string temporary = Path.Combine(Directory, $".tmp-{name}-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(temporary)) System.IO.Directory.Delete(temporary, true);
        System.IO.Directory.CreateDirectory(temporary);

        SafetensorsFile.Write(Path.Combine(temporary, ModelFile), model);
        SafetensorsFile.Write(Path.Combine(temporary, OptimizerFile), optimizer);
        if (configJson is not null) File.WriteAllText(Path.Combine(temporary, ConfigFile), configJson);
        var sums = new Dictionary<string, string>
        {
            [ModelFile] = Sha256(Path.Combine(temporary, ModelFile)),
            [OptimizerFile] = Sha256(Path.Combine(temporary, OptimizerFile)),
        };
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state with { Checksums = sums }, Json));

        if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, true);
        System.IO.Directory.Move(temporary, final);
        AtomicFile.WriteText(Path.Combine(Directory, LatestFile), name);
        if (state.Metric is { } metric && IsBetter(metric, higherIsBetter)) AtomicFile.WriteText(Path.Combine(Directory, BestFile), $"{name} {metric:R}");
        Prune();
        return final;
    }

    /// <summary>The newest complete, checksum-valid checkpoint folder, or null. latest.txt is tried
    /// first; if it points at a damaged folder, older ones are tried in turn.</summary>
    public string? Latest()
    {
        var candidates = new List<string>();
        string latestFile = Path.Combine(Directory, LatestFile);
        if (File.Exists(latestFile)) candidates.Add(Path.Combine(Directory, File.ReadAllText(latestFile).Trim()));
        candidates.AddRange(StepFolders().Reverse());
        return candidates.FirstOrDefault(IsValid);
    }

    /// <summary>The best checkpoint folder recorded so far, or null.</summary>
    public string? Best()
    {
        string file = Path.Combine(Directory, BestFile);
        if (!File.Exists(file)) return null;
        string folder = Path.Combine(Directory, File.ReadAllText(file).Split(' ')[0]);
        return IsValid(folder) ? folder : null;
    }

    public static TrainerState ReadState(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path)) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new CheckpointException($"{path}: unreadable trainer state ({e.Message})");
        }
    }

    /// <summary>Every step folder, oldest first.</summary>
    public IEnumerable<string> StepFolders() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetDirectories(Directory, Prefix + "*").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    /// <summary>Complete and matching its checksums.</summary>
    public static bool IsValid(string folder)
    {
        if (!System.IO.Directory.Exists(folder) || !File.Exists(Path.Combine(folder, StateFile))) return false;
        try
        {
            var state = ReadState(folder);
            return state.Checksums.Count > 0 && state.Checksums.All(p =>
                File.Exists(Path.Combine(folder, p.Key)) && Sha256(Path.Combine(folder, p.Key)) == p.Value);
        }
        catch (CheckpointException)
        {
            return false;
        }
    }

    bool IsBetter(double metric, bool higherIsBetter)
    {
        string file = Path.Combine(Directory, BestFile);
        if (!File.Exists(file)) return true;
        string[] parts = File.ReadAllText(file).Split(' ');
        if (parts.Length < 2 || !double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double best)) return true;
        return higherIsBetter ? metric > best : metric < best;
    }

    void Prune()
    {
        string? best = Best();
        var folders = StepFolders().ToList();
        foreach (string folder in folders.Take(Math.Max(0, folders.Count - KeepLast)))
            if (folder != best) System.IO.Directory.Delete(folder, true);
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
