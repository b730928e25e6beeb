namespace Speech.Core.Data.Importers;

/// <summary>LibriSpeech layout: <c>SPEAKER/CHAPTER/SPEAKER-CHAPTER-NNNN.flac</c> with one
/// <c>SPEAKER-CHAPTER.trans.txt</c> per chapter (<c>ID TRANSCRIPT</c> a line). Cut ids are the
/// utterance ids, speaker is the id's first field, language "en". Transcript lines without
/// audio, audio without a transcript line, malformed lines and repeated ids are problems.</summary>
public sealed class LibriSpeechImporter : ICorpusImporter
{
    static readonly string[] AudioExtensions = { ".flac", ".wav" };

    public string Name => "librispeech";

    public string Description => "SPEAKER/CHAPTER/*.flac + *.trans.txt (LibriSpeech, the mini corpus)";

    public IEnumerable<Cut> Import(string directory, ImportContext context)
    {
        ImporterChecks.RequireDirectory(directory);
        var transcripts = Directory.EnumerateFiles(directory, "*.trans.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (transcripts.Count == 0) context.Report(new ImportProblem(directory, null, "no *.trans.txt transcript files below this folder"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var transcribedAudio = new HashSet<string>(StringComparer.Ordinal);
        int done = 0;
        foreach (string transcript in transcripts)
        {
            string folder = Path.GetDirectoryName(transcript)!;
            int lineNumber = 0;
            foreach (string line in File.ReadLines(transcript))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                string[] parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
                if (parts.Length < 2 || parts[1].Length == 0)
                {
                    context.Report(new ImportProblem(transcript, lineNumber, $"expected 'ID TRANSCRIPT', got '{line}'"));
                    continue;
                }
                string id = parts[0];
                if (!seen.Add(id))
                {
                    context.Report(new ImportProblem(transcript, lineNumber, $"duplicate id '{id}'"));
                    continue;
                }
                string audio = AudioExtensions.Select(extension => Path.Combine(folder, id + extension)).FirstOrDefault(File.Exists)
                    ?? Path.Combine(folder, id + AudioExtensions[0]);
                transcribedAudio.Add(Path.GetFullPath(audio));
                if (context.TryProbe(audio, transcript, lineNumber) is not { } info) continue;
                context.Progress?.Report(new(++done, null));
                yield return new Cut(id, new AudioSource(Path.GetFullPath(audio)), 0, info.Duration, info.SampleRate,
                    parts[1], id.Split('-')[0], "en");
            }
        }
        foreach (string audio in AudioExtensions.SelectMany(e => Directory.EnumerateFiles(directory, "*" + e, SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
            if (!transcribedAudio.Contains(Path.GetFullPath(audio)))
                context.Report(new ImportProblem(audio, null, "audio file with no transcript line"));
    }
}
