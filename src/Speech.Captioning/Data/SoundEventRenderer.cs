using Speech.Core.Audio;
using Speech.Core.Errors;

namespace Speech.Captioning.Data;

/// <summary>Renders one sound event at 16 kHz, peak 1. Every continuous parameter (pitch, rate,
/// decay, length) is drawn from the lower 70 % of its range for training clips and the upper 30 %
/// for test clips, and speech uses disjoint voices and words, so test clips are new instances of
/// the events, not copies.</summary>
public sealed class SoundEventRenderer(Random random, bool heldOut, string scratchFolder)
{
    public const int SampleRate = 16000;
    static readonly string[] TrainMale = ["en-us+m1", "en-gb+m2", "en-us+m3", "en+m4"], TestMale = ["en-us+m5", "en-gb+m6", "en-us+m7"];
    static readonly string[] TrainFemale = ["en-us+f1", "en-gb+f2", "en-us+f3"], TestFemale = ["en-us+f4", "en-gb+f5"];
    static readonly string[] TrainWords = ["hello", "there", "morning", "coffee", "garden", "window", "yellow", "seven", "river", "paper", "market", "table"];
    static readonly string[] TestWords = ["orange", "winter", "bridge", "candle", "forest", "pocket", "silver", "thunder"];

    /// <summary>The samples and whether the event is "high" (pitch or rising), which its captions say.</summary>
    public (float[] Samples, bool High) Render(SoundEventKind kind)
    {
        switch (kind)
        {
            case SoundEventKind.Tone:
            {
                double f = Draw(300, 2400);
                return (Oscillate(Draw(0.4, 1.2), t => Math.Sin(2 * Math.PI * f * t)), f > 1000);
            }
            case SoundEventKind.Chirp:
            {
                bool rising = random.Next(2) == 0;
                double d = Draw(0.3, 0.9), f0 = Draw(300, 700), f1 = f0 * Draw(2.5, 5);
                if (!rising) (f0, f1) = (f1, f0);
                double k = Math.Log(f1 / f0) / d;
                return (Oscillate(d, t => Math.Sin(2 * Math.PI * f0 * (Math.Exp(k * t) - 1) / k)), rising);
            }
            case SoundEventKind.Siren:
            {
                double fc = Draw(600, 1100), dev = Draw(150, 350), rate = Draw(0.4, 2.0);
                return (Oscillate(Draw(1.5, 3), t => Math.Sin(2 * Math.PI * fc * t - dev / rate * Math.Cos(2 * Math.PI * rate * t))), false);
            }
            case SoundEventKind.Bell:
            {
                double f0 = Draw(300, 1200), tau = Draw(0.25, 0.9);
                double[] ratios = [1, 2.76, 5.4, 8.93];
                return (Oscillate(Draw(1, 2), t => Math.Exp(-t / tau) * ratios.Select((r, i) => Math.Sin(2 * Math.PI * f0 * r * t) / (i + 1)).Sum()), f0 > 700);
            }
            case SoundEventKind.Engine:
            {
                double f0 = Draw(40, 130), am = Draw(4, 15);
                return (Oscillate(Draw(1.5, 3), t => (1 + 0.3 * Math.Sin(2 * Math.PI * am * t)) *
                    Enumerable.Range(1, 10).Sum(h => Math.Sin(2 * Math.PI * f0 * h * t) / h) + 0.2 * Noise()), false);
            }
            case SoundEventKind.Rain:
            {
                double density = Draw(0.002, 0.02), previous = 0;
                return (Oscillate(Draw(2, 3.5), _ => { double n = Noise(); double hp = n - previous; previous = n; return 0.5 * hp + (random.NextDouble() < density ? 4 * Noise() : 0); }), false);
            }
            case SoundEventKind.Wind:
            {
                double alpha = Draw(0.97, 0.995), rate = Draw(0.15, 0.6), state = 0;
                return (Oscillate(Draw(2, 3.5), t => (state = alpha * state + (1 - alpha) * Noise()) * (1.2 + Math.Sin(2 * Math.PI * rate * t))), false);
            }
            case SoundEventKind.Clicks: return (Bursts(Draw(1, 2), Draw(0.08, 0.3), regular: true, decay: 0.002), false);
            case SoundEventKind.Claps: return (Bursts(Draw(1, 2), Draw(0.15, 0.4), regular: false, decay: 0.02), false);
            case SoundEventKind.MaleSpeech: return (Speak(heldOut ? TestMale : TrainMale), false);
            case SoundEventKind.FemaleSpeech: return (Speak(heldOut ? TestFemale : TrainFemale), true);
            default:
            {
                double f0 = Draw(180, 520), vibrato = Draw(4, 7);
                double[] weights = [1, 0.6, 0.5, 0.25, 0.15];
                return (Oscillate(Draw(1, 2), t => weights.Select((w, h) => w * Math.Sin(2 * Math.PI * f0 * (h + 1) * t + 0.3 * Math.Sin(2 * Math.PI * vibrato * t))).Sum()), f0 > 350);
            }
        }
    }

    /// <summary>Uniform in [lo, lo + 0.7·(hi − lo)) for training, [lo + 0.7·(hi − lo), hi) for test.</summary>
    double Draw(double lo, double hi)
    {
        double split = lo + 0.7 * (hi - lo);
        return heldOut ? split + random.NextDouble() * (hi - split) : lo + random.NextDouble() * (split - lo);
    }

    double Noise() => 2 * random.NextDouble() - 1;

    /// <summary>A signal of <paramref name="seconds"/> with 10 ms fades, normalised to peak 1.</summary>
    static float[] Oscillate(double seconds, Func<double, double> signal)
    {
        int n = (int)(seconds * SampleRate), fade = SampleRate / 100;
        var samples = new float[n];
        for (int i = 0; i < n; i++)
            samples[i] = (float)(signal((double)i / SampleRate) * Math.Min(1.0, Math.Min(i, n - 1 - i) / (double)fade));
        return Normalise(samples);
    }

    float[] Bursts(double seconds, double period, bool regular, double decay)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        for (double onset = 0.02; onset < seconds - 0.05; onset += regular ? period : period * (0.5 + random.NextDouble()))
            for (int i = 0, start = (int)(onset * SampleRate); i < SampleRate / 20 && start + i < samples.Length; i++)
                samples[start + i] += (float)(Noise() * Math.Exp(-i / (decay * SampleRate)));
        return Normalise(samples);
    }

    float[] Speak(string[] voices)
    {
        string voice = voices[random.Next(voices.Length)];
        var words = heldOut ? TestWords : TrainWords;
        string text = string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => words[random.Next(words.Length)]));
        string wav = Path.Combine(scratchFolder, $"speech-{Guid.NewGuid():N}.wav");
        try
        {
            RunEspeak(["-v", voice, "-p", ((int)Draw(20, 80)).ToString(), "-s", ((int)Draw(140, 200)).ToString(), "-w", wav, text]);
            var samples = AudioReader.Read(wav, targetRate: SampleRate);
            return Normalise(samples.Length > 3 * SampleRate ? samples[..(3 * SampleRate)] : samples);
        }
        finally { File.Delete(wav); }
    }

    static void RunEspeak(string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new SpeechException($"espeak-ng {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SpeechException($"espeak-ng not found ({e.Message}); install it (apt-get install espeak-ng) to synthesise the speech events");
        }
    }

    static float[] Normalise(float[] samples)
    {
        float peak = samples.Length == 0 ? 0 : samples.Max(MathF.Abs);
        if (peak > 0) for (int i = 0; i < samples.Length; i++) samples[i] /= peak;
        return samples;
    }
}
