using System.Globalization;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;

namespace Speech.Verification.Corpus;

/// <summary>Makes a text-dependent speaker-verification corpus with espeak-ng and sox (RSR2015's
/// protocol in miniature): every speaker says every fixed phrase several times, each repetition
/// with small perturbations (espeak rate ±6 %, ±25 cents of pitch, additive white noise at 20–35 dB
/// SNR, level −6…0 dB). Writes <c>wav/SPEAKER/SPEAKER-pPP-rR.wav</c>, manifests <c>train.jsonl</c> and
/// <c>eval.jsonl</c> (speaker-disjoint; cut text = the phrase) and the eval trials
/// (<see cref="TextDependentTrials"/>). Deterministic from the seed; resumable: finished files stay.</summary>
public static class TextDependentCorpusSynthesizer
{
    public static IReadOnlyList<SyntheticSpeaker> Speakers(TextDependentCorpusOptions options)
    {
        var random = new SeededRandom((ulong)options.Seed);
        var speakers = new List<SyntheticSpeaker>();
        var pairs = SyntheticSpeaker.BaseVoices.SelectMany(v => SyntheticSpeaker.Variants.Select(variant => $"{v}+{variant}")).ToList();
        random.Shuffle(pairs);
        for (int s = 0; s < options.Speakers; s++)
            speakers.Add(new SyntheticSpeaker($"spk{s + 1:000}", pairs[s % pairs.Count], random.Next(20, 81), random.Next(140, 191),
                random.Next(-300, 301), random.Next(600, 3501), random.Next(-8, 9)));
        return speakers;
    }

    /// <summary>Returns (train cuts, eval cuts).</summary>
    public static (int Train, int Eval) Synthesize(string outputDirectory, TextDependentCorpusOptions options, IProgress<WorkProgress>? progress = null)
    {
        Validate(options);
        var speakers = Speakers(options);
        var train = new List<Cut>();
        var eval = new List<Cut>();
        int total = options.Speakers * options.Phrases * options.Repetitions, done = 0;
        for (int s = 0; s < speakers.Count; s++)
        {
            var speaker = speakers[s];
            string folder = Path.Combine(outputDirectory, "wav", speaker.Id);
            Directory.CreateDirectory(folder);
            for (int p = 0; p < options.Phrases; p++)
                for (int r = 0; r < options.Repetitions; r++)
                {
                    string id = $"{speaker.Id}-p{p:00}-r{r}";
                    string wav = Path.Combine(folder, id + ".wav");
                    if (!File.Exists(wav))
                        Speak(TextDependentPhrases.All[p], speaker, new SeededRandom(SeededRandom.Combine(options.Seed, SeededRandom.StableHash(id))), wav, options.SampleRate);
                    var info = AudioReader.ReadInfo(wav);
                    var cut = new Cut(id, new AudioSource(Path.GetFullPath(wav)), 0, info.Duration, options.SampleRate,
                        Text: TextDependentPhrases.All[p], Speaker: speaker.Id);
                    (s >= options.Speakers - options.EvalSpeakers ? eval : train).Add(cut);
                    progress?.Report(new WorkProgress(++done, total, id));
                }
        }
        Manifest.Write(Path.Combine(outputDirectory, "train.jsonl"), train);
        Manifest.Write(Path.Combine(outputDirectory, "eval.jsonl"), eval);
        TextDependentTrials.Write(Path.Combine(outputDirectory, "trials"), eval, options);
        return (train.Count, eval.Count);
    }

    static double Uniform(SeededRandom random, double low, double high) => low + (high - low) * (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    static void Speak(string text, SyntheticSpeaker speaker, SeededRandom random, string wav, int sampleRate)
    {
        string raw = wav + ".espeak.wav", shaped = wav + ".sox.wav", temporary = wav + ".tmp.wav";
        string Invariant(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
        try
        {
            int rate = (int)Math.Round(speaker.WordsPerMinute * Uniform(random, 0.94, 1.06));
            ExternalProcess.Run("espeak-ng", ["-v", speaker.Voice, "-p", speaker.Pitch.ToString(CultureInfo.InvariantCulture),
                "-s", rate.ToString(CultureInfo.InvariantCulture), "-w", raw, text]);
            double cents = speaker.PitchShiftCents + Uniform(random, -25, 25);
            // -D: no dither, so the output depends on the input alone.
            ExternalProcess.Run("sox", ["-D", raw, "-b", "16", shaped, "pitch", Invariant(cents),
                "equalizer", speaker.EqualizerHz.ToString(CultureInfo.InvariantCulture), "1q", Invariant(speaker.EqualizerGainDb),
                "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse",
                "pad", "0.05", "0.05", "rate", sampleRate.ToString(CultureInfo.InvariantCulture), "channels", "1", "gain", "-n", "-3"]);
            var samples = AudioReader.Read(shaped);
            Perturb(samples, random);
            WavWriter.Write(temporary, [samples], sampleRate, PcmEncoding.SignedInt16);
            File.Move(temporary, wav, overwrite: true);
        }
        finally
        {
            File.Delete(raw);
            File.Delete(shaped);
            File.Delete(temporary);
        }
    }

    /// <summary>White Gaussian noise at a random SNR (20–35 dB) and a random level (−6…0 dB).</summary>
    static void Perturb(float[] samples, SeededRandom random)
    {
        double power = samples.Length == 0 ? 0 : samples.Average(x => (double)x * x);
        double noiseSd = Math.Sqrt(power / Math.Pow(10, Uniform(random, 20, 35) / 10));
        double gain = Math.Pow(10, Uniform(random, -6, 0) / 20);
        for (int i = 0; i < samples.Length; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - Uniform(random, 0, 1))) * Math.Cos(2 * Math.PI * Uniform(random, 0, 1));
            samples[i] = (float)Math.Clamp((samples[i] + noiseSd * gaussian) * gain, -1, 1);
        }
    }

    static void Validate(TextDependentCorpusOptions o)
    {
        if (o.Phrases < 2 || o.Phrases > TextDependentPhrases.All.Count)
            throw new ConfigException($"phrases must be 2 to {TextDependentPhrases.All.Count} (wrong-phrase trials need two), got {o.Phrases}");
        if (o.Repetitions < 2) throw new ConfigException($"repetitions must be at least 2 (one enrols, the rest test), got {o.Repetitions}");
        if (o.EvalSpeakers < 2 || o.EvalSpeakers >= o.Speakers)
            throw new ConfigException($"eval speakers ({o.EvalSpeakers}) must be at least 2 and leave training speakers among {o.Speakers}");
        if (o.NontargetsPerTarget < 0) throw new ConfigException($"nontargets per target must be 0 (all) or more, got {o.NontargetsPerTarget}");
    }
}
