namespace Speech.Core.Text;

/// <summary>GPT-2's reversible byte → printable character map (<c>bytes_to_unicode</c>): printable
/// Latin-1 bytes map to themselves, the other 68 bytes to U+0100 onwards (space → 'Ġ'). Byte-level
/// BPE vocabularies are written in these characters.</summary>
internal static class GptByteAlphabet
{
    public static readonly char[] ByteToChar = Build();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }

    static char[] Build()
    {
        var map = new char[256];
        bool Printable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
        int next = 0;
        for (int b = 0; b < 256; b++) map[b] = Printable(b) ? (char)b : (char)(256 + next++);
        return map;
    }
}
