using System.Text;
using Speech.Core.Errors;
using Speech.Core.Progress;

using Speech.Core.IO;
using Speech.Core.Text;

namespace Speech.Core.Data.Synthesis;

/// <summary>Makes a small LibriSpeech-like corpus with espeak-ng (or other engines, <see cref="VoicePools"/>):
/// <c>{train,dev,test}/SPEAKER/CHAPTER/SPEAKER-CHAPTER-NNNN.flac</c> plus
/// <c>SPEAKER-CHAPTER.trans.txt</c> (upper-case), FLAC 16-bit mono at the given rate, leading and
/// trailing silence trimmed to 0.05 s, peak level normalised to -12 dBFS. Deterministic from the seed;
/// resumable (finished files are kept, once their speaker's transcript is written and while it
/// names the same sentence; each file is written to a temporary name and renamed).</summary>
public static class MiniCorpusSynthesizer
{
    public static readonly IReadOnlyList<string> Splits = new[] { "train", "dev", "test" };

    /// <summary>Returns the utterances in the corpus (made now or found finished), per voice.</summary>
    public static SynthesisSummary Synthesize(string outputDirectory, SynthesisOptions options, IProgress<WorkProgress>? progress = null)
    {
        Validate(options);
        var random = new SeededRandom((ulong)options.Seed);
        var pool = VoicePools.Of(options.Voices);
        var sentences = Sentences(options);
        int needed = options.ReuseSentences ? options.UtterancesPerSpeaker : options.Speakers * options.UtterancesPerSpeaker;
        if (sentences.Count < needed)
            throw new ConfigException($"only {sentences.Count} distinct sentences of {options.MinWords}-{options.MaxWords} words " +
                                      $"({options.ExcludedSentences.Count} excluded{(options.Vocabulary.Count > 0 ? $", only words of a {options.Vocabulary.Count}-word vocabulary" : "")}); ask for fewer than {needed} " +
                                      (options.ReuseSentences ? "utterances per speaker" : "utterances, or reuse sentences across speakers"));
        random.Shuffle(sentences);
        if (options.CoveredWords.Count > 0) sentences = CoveringFirst(sentences, options.CoveredWords);

        int total = options.Speakers * options.UtterancesPerSpeaker, done = 0;
        var perVoice = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < options.Speakers; s++)
        {
            string speaker = (1001 + s).ToString();
            string chapter = (2001 + s).ToString();
            var (engineName, voiceName) = VoicePools.Parse(pool[s % pool.Count]);
            var engine = TextToSpeechEngines.Of(engineName);
            var voice = new SynthesisVoice(voiceName, Pitch: random.Next(25, 80), WordsPerMinute: random.Next(150, 200), engineName);
            string folder = Path.Combine(outputDirectory, SplitOf(s, options), speaker, chapter);
            Directory.CreateDirectory(folder);
            var transcript = new StringBuilder();
            var madeBefore = TranscriptFile(folder, speaker, chapter);
            var own = options.ReuseSentences ? random.Sample(sentences, options.UtterancesPerSpeaker) : null;
            for (int u = 0; u < options.UtterancesPerSpeaker; u++)
            {
                string id = $"{speaker}-{chapter}-{u:0000}";
                string text = own is not null ? own[u] : sentences[s * options.UtterancesPerSpeaker + u];
                string flac = Path.Combine(folder, id + ".flac");
                // A finished file is kept only when its transcript says it speaks this sentence:
                // options that pick other sentences (another vocabulary) must not reuse stale audio.
                if (!File.Exists(flac) || madeBefore.GetValueOrDefault(id) != text) Speak(engine, text, voice, flac, options.SampleRate);
                transcript.Append(id).Append(' ').Append(text).Append('\n');
                progress?.Report(new WorkProgress(++done, total, speaker));
            }
            AtomicFile.WriteText(Path.Combine(folder, $"{speaker}-{chapter}.trans.txt"), transcript.ToString());
            perVoice[voice.Label] = perVoice.GetValueOrDefault(voice.Label) + options.UtterancesPerSpeaker;
        }
        return new SynthesisSummary(total, perVoice);
    }

    /// <summary>id → text of a speaker's transcript from an earlier run (empty when there is none).</summary>
    static Dictionary<string, string> TranscriptFile(string folder, string speaker, string chapter)
    {
        string path = Path.Combine(folder, $"{speaker}-{chapter}.trans.txt");
        return File.Exists(path) ? File.ReadLines(path).Select(IdTextFile.Parse).ToDictionary(p => p.Id, p => p.Text) : new Dictionary<string, string>();
    }

    /// <summary>The sentences speakers may read, in the source's order: the passages' clauses of the
    /// wanted length, less the excluded ones, less those with a word outside the vocabulary (when one is given).</summary>
    public static List<string> Sentences(SynthesisOptions options)
    {
        if (!KjvSentenceSource.Named.TryGetValue(options.Passages, out var passages))
            throw new ConfigException($"unknown passages '{options.Passages}'; valid: {string.Join(", ", KjvSentenceSource.Named.Keys)}");
        return KjvSentenceSource.Load(options.MinWords, options.MaxWords, passages)
            .Where(s => !options.ExcludedSentences.Contains(s) && InVocabulary(s, options.Vocabulary)).ToList();
    }

    /// <summary>The last speakers are test, the ones before them dev, the rest train.</summary>
    static string SplitOf(int speaker, SynthesisOptions options) =>
        speaker >= options.Speakers - options.TestSpeakers ? "test"
        : speaker >= options.Speakers - options.TestSpeakers - options.DevSpeakers ? "dev"
        : "train";

    static void Speak(ITextToSpeechEngine engine, string text, SynthesisVoice voice, string flac, int sampleRate)
    {
        string wav = flac + ".tmp.wav", temporary = flac + ".tmp.flac";
        try
        {
            engine.Speak(text, voice, wav);
            // -D: no dither, so the output depends on the input alone (and compresses better).
            ExternalProcess.Run("sox", new[] { "-D", wav, "-b", "16", "-t", "flac", temporary }.Concat(engine.Effects(voice)).Concat(new[]
            {
                "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse",
                "pad", "0.05", "0.05", "gain", "-n", "-12", "rate", sampleRate.ToString(), "channels", "1",
            }));
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

    static bool InVocabulary(string sentence, IReadOnlySet<string> vocabulary) =>
        vocabulary.Count == 0 || sentence.Split(' ').All(vocabulary.Contains);

    static void Validate(SynthesisOptions options)
    {
        if (options.Speakers < 1 || options.UtterancesPerSpeaker < 1)
            throw new ConfigException("synthesis needs at least one speaker and one utterance per speaker");
        if (options.DevSpeakers < 0 || options.TestSpeakers < 0 || options.DevSpeakers + options.TestSpeakers > options.Speakers)
            throw new ConfigException($"dev ({options.DevSpeakers}) + test ({options.TestSpeakers}) speakers are more than the {options.Speakers} speakers");
        if (options.MinWords < 1 || options.MaxWords < options.MinWords)
            throw new ConfigException($"bad sentence length range {options.MinWords}-{options.MaxWords} words");
    }
}
