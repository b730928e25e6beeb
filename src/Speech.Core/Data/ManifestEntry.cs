namespace Speech.Core.Data;

/// <summary>A cut and the manifest line it was read from.</summary>
public sealed record ManifestEntry(Cut Cut, string File, int Line)
{
    /// <summary><c>file:line</c>, the way compilers name a place.</summary>
    public string Where => $"{File}:{Line}";
}
