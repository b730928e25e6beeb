using System.Runtime.InteropServices;
using System.Text;

using Speech.Core.IO;

namespace Speech.Core.Features;

/// <summary>NumPy's .npy format, version 1.0: magic, a Python-literal header padded so the data
/// starts on a 64-byte boundary, then C-order little-endian float32.</summary>
public static class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Writes <c>[rows, columns]</c> float32 (atomically: a temp file renamed into place).</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, long rows, long columns)
    {
        if (values.Length != rows * columns) throw new ArgumentException($"{values.Length} values do not fill [{rows}, {columns}]");
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        int unpadded = Magic.Length + 2 + header.Length + 1; // + newline
        header += new string(' ', (64 - unpadded % 64) % 64) + "\n";
        byte[] data = MemoryMarshal.AsBytes(values).ToArray(); // little-endian on every platform .NET runs this on
        AtomicFile.Write(path, file =>
        {
            file.Write(Magic);
            file.Write(BitConverter.GetBytes((ushort)header.Length));
            file.Write(Encoding.ASCII.GetBytes(header));
            file.Write(data);
        });
    }
}
