namespace Speech.Core.IO;

/// <summary>One tensor of a safetensors file: its dtype name ("F32", "F16", "BF16", "I64", ...),
/// shape, and byte range relative to the start of the data section.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long Length => End - Begin;
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);
}
