using Speech.Core.Errors;
using Speech.Core.Progress;

namespace Speech.Core.Data;

/// <summary>Opens every audio file a manifest names and checks it: the file exists and is
/// readable, has samples, its rate matches the cut, and the cut's span lies inside it (a
/// whole-file cut must match the file's duration within the tolerance).</summary>
public sealed class ManifestValidator(IAudioInfoProbe probe, double toleranceSeconds = 0.01)
{
    /// <summary>Bad items follow <paramref name="badItems"/> (strict by default: the first throws,
    /// naming file and line); a file that cannot be read for I/O reasons is a failure.</summary>
    public ValidationReport Validate(string manifestPath, BadItemPolicy? badItems = null, IProgress<WorkProgress>? progress = null)
    {
        badItems ??= BadItemPolicy.Strict;
        int skippedBefore = badItems.Skipped.Count;
        var valid = new List<Cut>();
        var failures = new List<BadItem>();
        var infos = new Dictionary<string, AudioFileInfo?>(StringComparer.Ordinal);
        foreach (var entry in Manifest.ReadEntries(manifestPath, badItems.Report))
        {
            try
            {
                if (Check(entry, infos) is { } problem) badItems.Report(problem);
                else valid.Add(entry.Cut);
            }
            catch (IOException e) { failures.Add(BadItem.Of(entry, "io-error", $"{entry.Cut.Source.Path}: {e.Message}")); }
            int bad = badItems.Skipped.Count - skippedBefore + failures.Count;
            progress?.Report(new WorkProgress(valid.Count + bad, null, bad > 0 ? $"{bad} bad" : null));
        }
        return new ValidationReport(valid, badItems.Skipped.Skip(skippedBefore).ToList(), failures);
    }

    BadItem? Check(ManifestEntry entry, Dictionary<string, AudioFileInfo?> infos)
    {
        var cut = entry.Cut;
        string path = cut.Source.Path;
        BadItem Bad(string kind, string problem) => BadItem.Of(entry, kind, $"{path}: {problem}");
        if (!File.Exists(path)) return Bad("missing", "audio file does not exist");
        if (!infos.TryGetValue(path, out var info))
        {
            try { info = probe.Probe(path); }
            catch (AudioFormatException e) { infos[path] = null; return BadItem.Of(entry, "unreadable", e.Message); }
            infos[path] = info;
        }
        if (info is null) return Bad("unreadable", "audio file is unreadable");
        if (info.Frames == 0) return Bad("empty", "audio file has no samples");
        if (info.SampleRate != cut.SampleRate)
            return Bad("rate-mismatch", $"manifest says {cut.SampleRate} Hz, file has {info.SampleRate} Hz");
        if (cut.Source.Channel is int channel && channel >= info.Channels)
            return Bad("channel-mismatch", $"channel {channel} but the file has {info.Channels}");
        bool wholeFile = cut.Start == 0 && Math.Abs(cut.Duration - info.Duration) <= toleranceSeconds;
        if (!wholeFile && cut.End > info.Duration + toleranceSeconds)
            return Bad("duration-mismatch", $"cut ends at {cut.End:0.###} s but the file lasts {info.Duration:0.###} s");
        return null;
    }
}
