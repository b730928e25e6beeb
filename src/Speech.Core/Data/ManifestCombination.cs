using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>Several manifests as one (lhotse's <c>combine</c>): the cuts of each in order, their ids
/// and speakers prefixed per input so that corpora synthesised or recorded separately (each with
/// its own speaker 1001, say) stay apart. A repeated id after prefixing is an error naming both
/// inputs.</summary>
public static class ManifestCombination
{
    public sealed record Input(string Path, string Prefix);

    /// <summary>Parses <c>PATH</c> or <c>PATH=PREFIX</c>.</summary>
    public static Input ParseInput(string text)
    {
        int at = text.LastIndexOf('=');
        return at <= 0 ? new Input(text, "") : new Input(text[..at], text[(at + 1)..]);
    }

    public static IEnumerable<Cut> Combine(IReadOnlyList<Input> inputs)
    {
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var cut in Manifest.Read(input.Path))
            {
                string id = input.Prefix + cut.Id;
                if (!origin.TryAdd(id, input.Path))
                    throw new ManifestException($"{input.Path}: id '{id}' is also in {origin[id]}; give the inputs distinct prefixes (PATH=PREFIX)");
                yield return cut with { Id = id, Speaker = cut.Speaker is null ? null : input.Prefix + cut.Speaker };
            }
    }
}
