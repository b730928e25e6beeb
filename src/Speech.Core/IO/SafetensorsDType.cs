using static TorchSharp.torch;

namespace Speech.Core.IO;

/// <summary>safetensors dtype names against TorchSharp scalar types.</summary>
public static class SafetensorsDType
{
    static readonly (string Name, ScalarType Type, int Bytes)[] Table =
    {
        ("F64", ScalarType.Float64, 8), ("F32", ScalarType.Float32, 4), ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2), ("I64", ScalarType.Int64, 8), ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2), ("I8", ScalarType.Int8, 1), ("U8", ScalarType.Byte, 1), ("BOOL", ScalarType.Bool, 1),
    };

    public static string NameOf(ScalarType type) =>
        Table.FirstOrDefault(t => t.Type == type).Name ?? throw new NotSupportedException($"safetensors has no dtype for {type}");

    public static bool TryParse(string name, out ScalarType type, out int bytes)
    {
        foreach (var entry in Table)
            if (entry.Name == name) { type = entry.Type; bytes = entry.Bytes; return true; }
        type = default;
        bytes = 0;
        return false;
    }
}
