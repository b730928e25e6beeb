using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>The one rule for bad manifest items (a line that does not parse, audio that is missing,
/// undecodable or does not match its cut), shared by every job that reads a manifest. Strict (the
/// default) stops at the first with a <see cref="ManifestException"/> naming file and line; with
/// skip-bad each is recorded and the job goes on without it. A skipped item is the input's fault
/// and leaves no work undone; a failure (an I/O error) is not, so it keeps a shard from being
/// marked done and the run from succeeding.</summary>
public sealed class BadItemPolicy(bool skipBad)
{
    readonly List<BadItem> skipped = [];

    public static BadItemPolicy Strict => new(skipBad: false);

    public bool SkipBad => skipBad;

    /// <summary>Every item skipped so far, in the order met.</summary>
    public IReadOnlyList<BadItem> Skipped => skipped;

    /// <summary>Throws (strict) or records the item (skip-bad).</summary>
    public void Report(BadItem item)
    {
        if (!skipBad) throw new ManifestException(item.ToString());
        skipped.Add(item);
    }

    /// <summary>The callback for <see cref="Manifest.ReadEntries"/>.</summary>
    public void Report(ManifestProblem line) => Report(BadItem.Of(line));

    /// <summary>"2 bad-line, 1 missing": the skipped items by kind, in name order.</summary>
    public static string CountsByKind(IEnumerable<BadItem> items) =>
        string.Join(", ", items.GroupBy(i => i.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}
