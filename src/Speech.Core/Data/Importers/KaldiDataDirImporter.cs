using System.Globalization;

namespace Speech.Core.Data.Importers;

/// <summary>A Kaldi data directory: <c>wav.scp</c> (recording → file path), optional
/// <c>segments</c> (utterance → recording start end), <c>text</c>, <c>utt2spk</c>. Without
/// segments each recording is one utterance. Relative paths are relative to the data directory;
/// piped commands (<c>... |</c>) are not supported (convert the audio first).</summary>
public sealed class KaldiDataDirImporter : ICorpusImporter
{
    public string Name => "kaldi";

    public string Description => "Kaldi data dir: wav.scp, text, utt2spk, optional segments";

    public IEnumerable<Cut> Import(string directory, ImportContext context)
    {
        ImporterChecks.RequireDirectory(directory);
        string scp = Path.Combine(directory, "wav.scp");
        var recordings = KaldiTable.Read(scp, context, required: true);
        var texts = KaldiTable.Read(Path.Combine(directory, "text"), context, required: false);
        var speakers = KaldiTable.Read(Path.Combine(directory, "utt2spk"), context, required: false);
        string segmentsPath = Path.Combine(directory, "segments");
        var segments = KaldiTable.Read(segmentsPath, context, required: false);
        var probed = new Dictionary<string, AudioFileInfo?>(StringComparer.Ordinal);

        AudioFileInfo? ProbeRecording(string recording, string file, int line)
        {
            if (probed.TryGetValue(recording, out var known)) return known;
            var (value, scpLine) = recordings[recording];
            AudioFileInfo? info = null;
            if (value.EndsWith('|')) context.Report(new ImportProblem(scp, scpLine, $"piped command for '{recording}' is not supported; write the audio to files first"));
            else info = context.TryProbe(AudioPath(directory, value), file, line);
            probed[recording] = info;
            return info;
        }

        Cut MakeCut(string id, string audio, double start, double duration, int sampleRate) =>
            new(id, new AudioSource(audio), start, duration, sampleRate,
                texts.TryGetValue(id, out var text) ? text.Value : null,
                speakers.TryGetValue(id, out var speaker) ? speaker.Value : null);

        if (segments.Count == 0)
        {
            foreach (var (recording, (value, line)) in recordings.OrderBy(p => p.Key, StringComparer.Ordinal))
                if (ProbeRecording(recording, scp, line) is { } info)
                    yield return MakeCut(recording, AudioPath(directory, value), 0, info.Duration, info.SampleRate);
            yield break;
        }
        foreach (var (id, (value, line)) in segments.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string[] fields = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || !TryTime(fields[1], out double start) || !TryTime(fields[2], out double end) || end <= start)
            {
                context.Report(new ImportProblem(segmentsPath, line, $"expected 'UTT RECORDING START END' with START < END, got '{id} {value}'"));
                continue;
            }
            if (!recordings.ContainsKey(fields[0]))
            {
                context.Report(new ImportProblem(segmentsPath, line, $"recording '{fields[0]}' is not in wav.scp"));
                continue;
            }
            if (ProbeRecording(fields[0], segmentsPath, line) is not { } info) continue;
            if (end > info.Duration + 0.01)
            {
                context.Report(new ImportProblem(segmentsPath, line, $"segment ends at {end} s but '{fields[0]}' lasts {info.Duration:0.###} s"));
                continue;
            }
            yield return MakeCut(id, AudioPath(directory, recordings[fields[0]].Value), start, end - start, info.SampleRate);
        }
    }

    static string AudioPath(string directory, string value) => Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(directory, value));

    static bool TryTime(string text, out double seconds) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0;
}
