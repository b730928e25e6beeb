using Speech.Core.Audio;

namespace Speech.Core.Data;

/// <summary>A manifest item that was left out (or stopped the run), where it is and what is wrong.</summary>
/// <param name="Kind">bad-line, missing, unreadable, empty, too-short, rate-mismatch, channel-mismatch,
/// duration-mismatch; io-error for a failure that is not the item's fault.</param>
/// <param name="CutId">Null for a line that did not parse.</param>
public sealed record BadItem(string Kind, string File, int Line, string? CutId, string Problem)
{
    /// <summary>A line the manifest reader could not turn into a cut.</summary>
    public static BadItem Of(ManifestProblem line) => new("bad-line", line.File, line.Line, null, line.Problem);

    /// <summary>A cut of <paramref name="entry"/> with a problem of kind <paramref name="kind"/>.</summary>
    public static BadItem Of(ManifestEntry entry, string kind, string problem) => new(kind, entry.File, entry.Line, entry.Cut.Id, problem);

    /// <summary>A cut whose audio could not be decoded: missing when the file is not there,
    /// unreadable otherwise (the decoder's message names the file).</summary>
    public static BadItem Undecodable(ManifestEntry entry, Exception error) =>
        Of(entry, System.IO.File.Exists(entry.Cut.Source.Path) ? "unreadable" : "missing", error.Message);

    public override string ToString() => $"{File}:{Line}: {(CutId is null ? "" : $"cut '{CutId}': ")}{Problem}";
}
