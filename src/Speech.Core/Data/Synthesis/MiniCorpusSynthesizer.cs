using System.Text;
using Speech.Core.Errors;
using Speech.Core.Progress;

using Speech.Core.IO;

namespace Speech.Core.Data.Synthesis;

/// <summary>Makes a small LibriSpeech-like corpus with espeak-ng:
/// <c>{train,dev,test}/SPEAKER/CHAPTER/SPEAKER-CHAPTER-NNNN.flac</c> plus
/// <c>SPEAKER-CHAPTER.trans.txt</c> (upper-case), FLAC 16-bit mono at the given rate, leading and
/// trailing silence trimmed to 0.05 s, peak level normalised to -12 dBFS. Deterministic from the seed;
/// resumable (finished files are kept, each file is written to a temporary name and renamed).</summary>
public static class MiniCorpusSynthesizer
{
    public static readonly IReadOnlyList<string> Splits = new[] { "train", "dev", "test" };

    /// <summary>Returns the number of utterances in the corpus (made now or found finished).</summary>
    public static int Synthesize(string outputDirectory, SynthesisOptions options, IProgress<WorkProgress>? progress = null)
    {
        Validate(options);
        var random = new SeededRandom((ulong)options.Seed);
        if (!KjvSentenceSource.Named.TryGetValue(options.Passages, out var passages))
            throw new ConfigException($"unknown passages '{options.Passages}'; valid: {string.Join(", ", KjvSentenceSource.Named.Keys)}");
        var sentences = KjvSentenceSource.Load(options.MinWords, options.MaxWords, passages)
            .Where(s => !options.ExcludedSentences.Contains(s)).ToList();
        int needed = options.ReuseSentences ? options.UtterancesPerSpeaker : options.Speakers * options.UtterancesPerSpeaker;
        if (sentences.Count < needed)
            throw new ConfigException($"only {sentences.Count} distinct sentences of {options.MinWords}-{options.MaxWords} words " +
                                      $"({options.ExcludedSentences.Count} excluded); ask for fewer than {needed} " +
                                      (options.ReuseSentences ? "utterances per speaker" : "utterances, or reuse sentences across speakers"));
        random.Shuffle(sentences);
        if (options.CoveredWords.Count > 0) sentences = CoveringFirst(sentences, options.CoveredWords);

        int total = options.Speakers * options.UtterancesPerSpeaker, done = 0;
        for (int s = 0; s < options.Speakers; s++)
        {
            string speaker = (1001 + s).ToString();
            string chapter = (2001 + s).ToString();
            var voice = new SynthesisVoice(SynthesisVoice.EnglishVoices[s % SynthesisVoice.EnglishVoices.Count],
                Pitch: random.Next(25, 80), WordsPerMinute: random.Next(150, 200));
            string folder = Path.Combine(outputDirectory, SplitOf(s, options), speaker, chapter);
            Directory.CreateDirectory(folder);
            var transcript = new StringBuilder();
            var own = options.ReuseSentences ? random.Sample(sentences, options.UtterancesPerSpeaker) : null;
            for (int u = 0; u < options.UtterancesPerSpeaker; u++)
            {
                string id = $"{speaker}-{chapter}-{u:0000}";
                string text = own is not null ? own[u] : sentences[s * options.UtterancesPerSpeaker + u];
                string flac = Path.Combine(folder, id + ".flac");
                if (!File.Exists(flac)) Speak(text, voice, flac, options.SampleRate);
                transcript.Append(id).Append(' ').Append(text).Append('\n');
                progress?.Report(new WorkProgress(++done, total, speaker));
            }
            AtomicFile.WriteText(Path.Combine(folder, $"{speaker}-{chapter}.trans.txt"), transcript.ToString());
        }
        return total;
    }

    /// <summary>The last speakers are test, the ones before them dev, the rest train.</summary>
    static string SplitOf(int speaker, SynthesisOptions options) =>
        speaker >= options.Speakers - options.TestSpeakers ? "test"
        : speaker >= options.Speakers - options.TestSpeakers - options.DevSpeakers ? "dev"
        : "train";

    static void Speak(string text, SynthesisVoice voice, string flac, int sampleRate)
    {
        string wav = flac + ".tmp.wav", temporary = flac + ".tmp.flac";
        try
        {
            ExternalProcess.Run("espeak-ng", new[]
            {
                "-v", voice.Voice, "-p", voice.Pitch.ToString(), "-s", voice.WordsPerMinute.ToString(), "-w", wav, text.ToLowerInvariant(),
            });
            // -D: no dither, so the output depends on the input alone (and compresses better).
            ExternalProcess.Run("sox", new[]
            {
                "-D", wav, "-b", "16", "-t", "flac", temporary,
                "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse",
                "pad", "0.05", "0.05", "gain", "-n", "-12", "rate", sampleRate.ToString(), "channels", "1",
            });
            File.Move(temporary, flac, overwrite: true);
        }
        finally
        {
            File.Delete(wav);
            File.Delete(temporary);
        }
    }


    /// <summary>The (shuffled) pool reordered: up to two sentences per covered word first, in word
    /// order, then the rest in their shuffled order.</summary>
    static List<string> CoveringFirst(List<string> shuffled, IReadOnlySet<string> words)
    {
        var first = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in words.Order(StringComparer.Ordinal))
            foreach (string sentence in shuffled.Where(s => !taken.Contains(s) && s.Split(' ').Contains(word)).Take(2))
            {
                first.Add(sentence);
                taken.Add(sentence);
            }
        return first.Concat(shuffled.Where(s => !taken.Contains(s))).ToList();
    }

    static void Validate(SynthesisOptions options)
    {
        if (options.Speakers < 1 || options.UtterancesPerSpeaker < 1)
            throw new ConfigException("synthesis needs at least one speaker and one utterance per speaker");
        if (options.DevSpeakers < 0 || options.TestSpeakers < 0 || options.DevSpeakers + options.TestSpeakers >= options.Speakers)
            throw new ConfigException($"dev ({options.DevSpeakers}) + test ({options.TestSpeakers}) speakers must leave at least one of {options.Speakers} for train");
        if (options.MinWords < 1 || options.MaxWords < options.MinWords)
            throw new ConfigException($"bad sentence length range {options.MinWords}-{options.MaxWords} words");
    }
}
