using Speech.Core.Audio;
using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>A cut and the manifest line it was read from.</summary>
public sealed record ManifestEntry(Cut Cut, string File, int Line)
{
    /// <summary><c>file:line</c>, the way compilers name a place.</summary>
    public string Where => $"{File}:{Line}";

    /// <summary>The cut's samples at <paramref name="targetRate"/>, for jobs without skip-bad: a
    /// missing or undecodable file is a <see cref="ManifestException"/> naming this line as well.</summary>
    public float[] ReadAudio(int targetRate)
    {
        try { return CutAudio.Read(Cut, targetRate); }
        catch (AudioFormatException e) { throw new ManifestException(BadItem.Undecodable(this, e).ToString(), e); }
    }
}
