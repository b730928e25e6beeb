using System.Runtime.InteropServices;
using System.Text;

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
        string temporary = path + ".partial";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(Magic);
            file.Write(BitConverter.GetBytes((ushort)header.Length));
            file.Write(Encoding.ASCII.GetBytes(header));
            file.Write(MemoryMarshal.AsBytes(values)); // little-endian on every platform .NET runs this on
        }
        File.Move(temporary, path, overwrite: true);
    }
}
