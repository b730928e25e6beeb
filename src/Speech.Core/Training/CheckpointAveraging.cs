using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>Averages the model weights of several checkpoints (icefall's --avg): floating tensors
/// are averaged in float64 and cast back; integer tensors are taken from the last checkpoint.</summary>
public static class CheckpointAveraging
{
    public static Dictionary<string, Tensor> Average(IReadOnlyList<string> checkpointFolders)
    {
        if (checkpointFolders.Count == 0) throw new ArgumentException("nothing to average");
        var files = checkpointFolders.Select(f => SafetensorsFile.Open(Path.Combine(f, CheckpointStore.ModelFile))).ToList();
        var names = files[^1].Entries.Keys.ToList();
        var result = new Dictionary<string, Tensor>();
        foreach (string name in names)
        {
            using var scope = NewDisposeScope();
            var last = files[^1].Load(name);
            if (!last.is_floating_point()) { result[name] = last.MoveToOuterDisposeScope(); continue; }
            var sum = zeros_like(last, ScalarType.Float64);
            foreach (var file in files)
            {
                if (!file.Entries.ContainsKey(name)) throw new CheckpointException($"{file.Path}: tensor '{name}' is missing, cannot average");
                sum.add_(file.Load(name).to(ScalarType.Float64), Scalars.One);
            }
            using var count = files.Count.ToScalar();
            result[name] = sum.div(count).to(last.dtype).MoveToOuterDisposeScope();
        }
        return result;
    }
}
