using System.Text;
using System.Text.Json;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Progress;

namespace Speech.Captioning.Data;

/// <summary>Makes a synthetic captioned corpus, Clotho-shaped: for <c>train</c> and <c>test</c> a
/// folder with <c>captions.csv</c> (file_name, caption_1..caption_5) and <c>audio/</c>, plus an
/// <c>audio_only</c> folder without captions; a manifest for each (<c>train.jsonl</c>,
/// <c>test.jsonl</c>, <c>audio_only.jsonl</c>). Each clip mixes 1–3 events of
/// <see cref="SoundEventKind"/> in sequence (or over an ambient bed), with varied onsets and
/// loudness; its five captions come from different templates and synonyms. Every clip is drawn
/// from its own generator (seed, split, index), so a rerun after a kill makes the same corpus.</summary>
public static class SyntheticCaptionCorpus
{
    public const string DoneMarker = ".done";
    static readonly SoundEventKind[] Ambient = [SoundEventKind.Engine, SoundEventKind.Rain, SoundEventKind.Wind];

    /// <returns>Clips per split.</returns>
    public static IReadOnlyDictionary<string, int> Generate(string outputDirectory, SyntheticCaptionOptions options, IProgress<WorkProgress>? progress = null)
    {
        if (options.TrainClips < 1 || options.TestClips < 1 || options.AudioOnlyClips < 0 || options.ClipSeconds < 2 || options.CaptionsPerClip < 1)
            throw new ConfigException("synth-captions: need ≥ 1 train and test clip, ≥ 0 audio-only clips, clips of ≥ 2 s and ≥ 1 caption");
        var splits = new (string Name, int Clips, bool HeldOut, bool Captioned)[]
            { ("train", options.TrainClips, false, true), ("test", options.TestClips, true, true), ("audio_only", options.AudioOnlyClips, false, false) };
        var counts = splits.ToDictionary(s => s.Name, s => s.Clips);
        string marker = Path.Combine(outputDirectory, DoneMarker), fingerprint = JsonSerializer.Serialize(options);
        if (File.Exists(marker) && File.ReadAllText(marker) == fingerprint) return counts;
        int total = splits.Sum(s => s.Clips), done = 0;
        foreach (var (name, clips, heldOut, captioned) in splits)
        {
            string folder = Path.Combine(outputDirectory, name), audioFolder = Path.Combine(folder, "audio");
            Directory.CreateDirectory(audioFolder);
            var cuts = new List<Cut>();
            var csv = new StringBuilder("file_name," + string.Join(',', Enumerable.Range(1, options.CaptionsPerClip).Select(i => $"caption_{i}")) + "\n");
            for (int i = 0; i < clips; i++)
            {
                string id = $"{name}_{i:00000}", wav = Path.Combine(audioFolder, id + ".wav");
                var random = new Random((int)(SeededRandom.Combine(options.Seed, SeededRandom.StableHash(id)) & int.MaxValue));
                var (samples, captions) = Clip(random, heldOut, options, audioFolder);
                if (!File.Exists(wav))
                {
                    string partial = wav + ".partial.wav"; // renamed when whole, so a kill never leaves a torn clip
                    WavWriter.Write(partial, [samples], SoundEventRenderer.SampleRate, PcmEncoding.SignedInt16);
                    File.Move(partial, wav, overwrite: true);
                }
                var cut = new Cut(id, new AudioSource(Path.GetFullPath(wav)), 0, samples.Length / (double)SoundEventRenderer.SampleRate, SoundEventRenderer.SampleRate, Language: "en");
                if (captioned)
                {
                    cut = cut with { Text = captions[0] };
                    cut = cut.WithExtra(CaptionTextFiles.CaptionsExtra, JsonSerializer.SerializeToElement(captions));
                    csv.Append(id).Append(".wav,").Append(string.Join(',', captions.Select(c => $"\"{c}\""))).Append('\n');
                }
                cuts.Add(cut);
                progress?.Report(new WorkProgress(++done, total, name));
            }
            if (captioned) AtomicFile.WriteText(Path.Combine(folder, "captions.csv"), csv.ToString());
            Manifest.Write(Path.Combine(outputDirectory, name + ".jsonl"), cuts);
        }
        AtomicFile.WriteText(marker, fingerprint);
        return counts;
    }

    static (float[] Samples, string[] Captions) Clip(Random random, bool heldOut, SyntheticCaptionOptions options, string scratch)
    {
        var renderer = new SoundEventRenderer(random, heldOut, scratch);
        int length = (int)(options.ClipSeconds * SoundEventRenderer.SampleRate);
        var mix = new float[length];
        int events = random.NextDouble() switch { < 0.3 => 1, < 0.7 => 2, _ => 3 };
        var kinds = Enum.GetValues<SoundEventKind>().OrderBy(_ => random.Next()).Take(events).ToList();
        bool bed = events > 1 && Ambient.Contains(kinds[0]) && random.NextDouble() < 0.6;
        var described = new List<(SoundEventKind Kind, bool High, double Db)>();
        int onset = (int)(random.NextDouble() * 0.4 * SoundEventRenderer.SampleRate);
        for (int e = 0; e < kinds.Count; e++)
        {
            var (samples, high) = renderer.Render(kinds[e]);
            double db = -18 + 18 * random.NextDouble();
            float gain = (float)Math.Pow(10, db / 20) * 0.5f;
            int start = bed && e == 0 ? 0 : onset;
            for (int i = 0; i < samples.Length && start + i < length; i++) mix[start + i] += gain * samples[i];
            if (!(bed && e == 0)) onset = Math.Min(length - SoundEventRenderer.SampleRate / 2, start + samples.Length + (int)((0.1 + 0.4 * random.NextDouble()) * SoundEventRenderer.SampleRate));
            described.Add((kinds[e], high, db));
        }
        for (int i = 0; i < length; i++) mix[i] = Math.Clamp(mix[i] + (float)(1e-3 * (random.NextDouble() - 0.5)), -1f, 1f);
        return (mix, Captions(random, described, bed, options.CaptionsPerClip));
    }

    static string[] Captions(Random random, List<(SoundEventKind Kind, bool High, double Db)> events, bool bed, int count)
    {
        string Pick(string[] choices) => choices[random.Next(choices.Length)];
        string Clause((SoundEventKind Kind, bool High, double Db) e)
        {
            string clause = Pick(SoundEventPhrases.Of(e.Kind, e.High).Clauses);
            if (random.Next(2) == 0 && e.Db > -4) clause += " " + Pick(SoundEventPhrases.Loud);
            if (random.Next(2) == 0 && e.Db < -13) clause += " " + Pick(SoundEventPhrases.Soft);
            return clause;
        }
        string Noun((SoundEventKind Kind, bool High, double Db) e) => Pick(SoundEventPhrases.Of(e.Kind, e.High).Nouns);
        string Sequence(IReadOnlyList<(SoundEventKind, bool, double)> s) => s.Count switch
        {
            1 => random.Next(4) switch { 0 => $"{Noun(s[0])} can be heard", 1 => $"there is {Noun(s[0])}", 2 => $"the sound of {Noun(s[0])}", _ => Clause(s[0]) },
            2 => random.Next(4) switch { 0 => $"{Clause(s[0])} followed by {Noun(s[1])}", 1 => $"{Clause(s[0])} and then {Clause(s[1])}",
                                         2 => $"{Clause(s[0])} before {Clause(s[1])}", _ => $"first {Clause(s[0])} then {Clause(s[1])}" },
            _ => random.Next(3) switch { 0 => $"{Clause(s[0])} then {Clause(s[1])} and then {Clause(s[2])}",
                                         1 => $"{Clause(s[0])} followed by {Noun(s[1])} and {Noun(s[2])}", _ => $"{Noun(s[0])} then {Noun(s[1])} and finally {Noun(s[2])}" },
        };
        string One()
        {
            if (!bed) return Sequence(events);
            var foreground = Sequence(events.Skip(1).ToList());
            return random.Next(3) switch
            {
                0 => $"{foreground} while {Clause(events[0])}",
                1 => $"{foreground} with {Noun(events[0])} in the background",
                _ => $"{Clause(events[0])} as {foreground}",
            };
        }
        var captions = new List<string>();
        for (int attempt = 0; captions.Count < count && attempt < 50; attempt++)
        {
            string caption = One();
            if (!captions.Contains(caption)) captions.Add(caption);
        }
        while (captions.Count < count) captions.Add(One());
        return captions.ToArray();
    }
}
