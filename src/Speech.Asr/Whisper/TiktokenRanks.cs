using Speech.Core.Errors;

namespace Speech.Asr.Whisper;

/// <summary>A tiktoken rank file (<c>base64(token bytes) rank</c> a line, as OpenAI ships
/// <c>gpt2.tiktoken</c>): the bytes of every ordinary token, indexed by id.</summary>
public static class TiktokenRanks
{
    public static byte[][] Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: tiktoken rank file not found");
        var tokens = new List<byte[]>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            string[] parts = line.Split(' ');
            if (parts.Length != 2 || !int.TryParse(parts[1], out int rank))
                throw new ConfigException($"{path}:{lineNumber}: expected 'base64 rank'");
            if (rank != tokens.Count)
                throw new ConfigException($"{path}:{lineNumber}: rank {rank} out of order (expected {tokens.Count})");
            try { tokens.Add(Convert.FromBase64String(parts[0])); }
            catch (FormatException) { throw new ConfigException($"{path}:{lineNumber}: bad base64"); }
        }
        return tokens.ToArray();
    }
}
