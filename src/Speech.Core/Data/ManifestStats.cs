namespace Speech.Core.Data;

/// <summary>Summary figures of a manifest, for <c>speech data stats</c>.</summary>
public sealed record ManifestStats(int Cuts, double TotalSeconds, double MinSeconds, double MeanSeconds, double MaxSeconds, int Speakers, int WithText, int Words)
{
    public static ManifestStats Of(IEnumerable<Cut> cuts)
    {
        var list = cuts.ToList();
        if (list.Count == 0) return new ManifestStats(0, 0, 0, 0, 0, 0, 0, 0);
        return new ManifestStats(
            list.Count,
            list.Sum(c => c.Duration),
            list.Min(c => c.Duration),
            list.Average(c => c.Duration),
            list.Max(c => c.Duration),
            list.Select(c => c.Speaker).Where(s => s is not null).Distinct().Count(),
            list.Count(c => c.Text is not null),
            list.Sum(c => c.Text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0));
    }
}
