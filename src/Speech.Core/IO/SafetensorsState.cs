using Speech.Core.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.IO;

/// <summary>Moves a module's parameters and buffers to and from safetensors files by name.</summary>
public static class SafetensorsState
{
    /// <summary>Copies every tensor of the module's state dict from <paramref name="files"/>
    /// (converting dtype, keeping the module's device). Missing tensors, shape mismatches and, when
    /// <paramref name="strict"/>, tensors the module does not have are <see cref="CheckpointException"/>s
    /// naming the file and the tensor. <paramref name="ignore"/> lists names to skip (tied weights).</summary>
    public static void LoadInto(nn.Module module, IReadOnlyList<SafetensorsFile> files, bool strict = true, ISet<string>? ignore = null)
    {
        var where = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (string name in file.Entries.Keys)
                if (!where.TryAdd(name, file)) throw new CheckpointException($"{file.Path}: tensor '{name}' also appears in {where[name].Path}");

        var state = module.state_dict();
        string source = files.Count == 1 ? files[0].Path : System.IO.Path.GetDirectoryName(files[0].Path) ?? files[0].Path;
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        foreach (var (name, target) in state)
        {
            if (!where.TryGetValue(name, out var file)) throw new CheckpointException($"{source}: tensor '{name}' is missing");
            var entry = file.Entries[name];
            if (!entry.Shape.SequenceEqual(target.shape))
                throw new CheckpointException($"{file.Path}: tensor '{name}' has shape [{string.Join(", ", entry.Shape)}], the model expects [{string.Join(", ", target.shape)}]");
            target.copy_(file.Load(name).to(target.dtype, target.device));
        }
        if (!strict) return;
        string? extra = where.Keys.FirstOrDefault(n => !state.ContainsKey(n) && !(ignore?.Contains(n) ?? false));
        if (extra is not null) throw new CheckpointException($"{where[extra].Path}: tensor '{extra}' does not belong to the model");
    }

    /// <summary>Writes the module's state dict (optionally cast, e.g. to F16 for export).</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null, ScalarType? dtype = null)
    {
        using var scope = NewDisposeScope();
        var tensors = module.state_dict().Select(p => KeyValuePair.Create(p.Key, dtype is { } t && p.Value.is_floating_point() ? p.Value.to(t) : p.Value));
        SafetensorsFile.Write(path, tensors, metadata);
    }
}
