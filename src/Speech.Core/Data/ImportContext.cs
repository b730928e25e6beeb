using Speech.Core.Errors;
using Speech.Core.Progress;

namespace Speech.Core.Data;

/// <summary>What an importer needs besides the folder: the duration reader, where problems go
/// (null: the first problem throws a <see cref="ManifestException"/> naming file and line) and
/// progress.</summary>
public sealed record ImportContext(IAudioInfoProbe Probe, Action<ImportProblem>? OnProblem = null, IProgress<WorkProgress>? Progress = null)
{
    public void Report(ImportProblem problem)
    {
        if (OnProblem is null) throw new ManifestException(problem.ToString());
        OnProblem(problem);
    }

    /// <summary>Probes <paramref name="audio"/>; reports a missing or unreadable file against
    /// <paramref name="file"/>:<paramref name="line"/> and returns null.</summary>
    public AudioFileInfo? TryProbe(string audio, string file, int? line)
    {
        if (!File.Exists(audio))
        {
            Report(new ImportProblem(file, line, $"audio file {audio} does not exist"));
            return null;
        }
        try
        {
            var info = Probe.Probe(audio);
            if (info.Frames > 0) return info;
            Report(new ImportProblem(file, line, $"audio file {audio} has no samples"));
        }
        catch (AudioFormatException e)
        {
            Report(new ImportProblem(file, line, $"unreadable audio: {e.Message}"));
        }
        return null;
    }
}
