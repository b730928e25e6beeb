using Speech.Core.Errors;
using Speech.Core.Progress;

namespace Speech.Core.Data;

/// <summary>Opens every audio file a manifest names and checks it: the file exists and is
/// readable, has samples, its rate matches the cut, and the cut's span lies inside it (a
/// whole-file cut must match the file's duration within the tolerance).</summary>
public sealed class ManifestValidator(IAudioInfoProbe probe, double toleranceSeconds = 0.01)
{
    /// <summary>With <paramref name="skipBad"/> false the first problem throws (naming line or
    /// cut and file); with true every problem is collected and the cut left out.</summary>
    public ValidationReport Validate(string manifestPath, bool skipBad, IProgress<WorkProgress>? progress = null)
    {
        var valid = new List<Cut>();
        var problems = new List<ValidationProblem>();
        var infos = new Dictionary<string, AudioFileInfo?>(StringComparer.Ordinal);
        void Fail(ValidationProblem problem)
        {
            if (!skipBad) throw new ManifestException(problem.ToString());
            problems.Add(problem);
        }
        Action<ManifestProblem>? onBadLine = skipBad ? bad => problems.Add(new ValidationProblem("bad-line", $"{bad.File}:{bad.Line}", bad.Problem)) : null;
        foreach (var cut in Manifest.Read(manifestPath, onBadLine))
        {
            var problem = Check(cut, infos);
            if (problem is null) valid.Add(cut);
            else Fail(problem);
            progress?.Report(new WorkProgress(valid.Count + problems.Count, null, problems.Count > 0 ? $"{problems.Count} bad" : null));
        }
        return new ValidationReport(valid, problems);
    }

    ValidationProblem? Check(Cut cut, Dictionary<string, AudioFileInfo?> infos)
    {
        string where = $"cut '{cut.Id}' ({cut.Source.Path})";
        string path = cut.Source.Path;
        if (!File.Exists(path)) return new ValidationProblem("missing", where, "audio file does not exist");
        if (!infos.TryGetValue(path, out var info))
        {
            try { info = probe.Probe(path); }
            catch (AudioFormatException e) { info = null; infos[path] = null; return new ValidationProblem("unreadable", where, e.Message); }
            infos[path] = info;
        }
        if (info is null) return new ValidationProblem("unreadable", where, "audio file is unreadable");
        if (info.Frames == 0) return new ValidationProblem("empty", where, "audio file has no samples");
        if (info.SampleRate != cut.SampleRate)
            return new ValidationProblem("rate-mismatch", where, $"manifest says {cut.SampleRate} Hz, file has {info.SampleRate} Hz");
        if (cut.Source.Channel is int channel && channel >= info.Channels)
            return new ValidationProblem("channel-mismatch", where, $"channel {channel} but the file has {info.Channels}");
        bool wholeFile = cut.Start == 0 && Math.Abs(cut.Duration - info.Duration) <= toleranceSeconds;
        if (!wholeFile && cut.End > info.Duration + toleranceSeconds)
            return new ValidationProblem("duration-mismatch", where, $"cut ends at {cut.End:0.###} s but the file lasts {info.Duration:0.###} s");
        return null;
    }
}
