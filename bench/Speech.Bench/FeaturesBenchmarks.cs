using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Speech.Core.Audio;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>Decode + log-mel of 30 s inputs on one thread: one utterance at a time, and a batch
/// of 8. Baseline: decoding alone. Target ≥ 1000× real time for log-mel.</summary>
[Config(typeof(AudioBenchmarkConfig))]
public class FeaturesBenchmarks
{
    const int Batch = 8;
    string folder = "", flac = "";
    float[] waveform = [];
    float[][] batch = [];
    WhisperLogMel mel = null!;
    KaldiFbank fbank = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        folder = Directory.CreateTempSubdirectory("speech-bench").FullName;
        flac = Path.Combine(folder, "speechlike.flac");
        // 30 s of modulated pink noise at 16 kHz / 16 bit, as LibriSpeech ships.
        Process.Start("sox", ["-R", "-n", "-r", "16000", "-c", "1", "-b", "16", flac, "synth", "30", "pinknoise", "tremolo", "4", "80"])!.WaitForExit();
        waveform = AudioReader.Read(flac);
        batch = Enumerable.Repeat(waveform, Batch).ToArray();
        mel = new WhisperLogMel();
        fbank = new KaldiFbank();
    }

    [Benchmark(Baseline = true), AudioSeconds(30)]
    public float[] DecodeFlac() => AudioReader.Read(flac);

    [Benchmark, AudioSeconds(30)]
    public void WhisperLogMelSingle()
    {
        using var features = mel.Extract(waveform);
    }

    [Benchmark, AudioSeconds(30)]
    public void DecodeAndWhisperLogMel()
    {
        using var features = mel.Extract(AudioReader.Read(flac));
    }

    [Benchmark, AudioSeconds(30 * Batch)]
    public void WhisperLogMelBatch8()
    {
        var (features, lengths) = mel.ExtractBatch(batch);
        features.Dispose();
        lengths.Dispose();
    }

    [Benchmark, AudioSeconds(30)]
    public void KaldiFbankSingle()
    {
        using var features = fbank.Extract(waveform);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        mel.Dispose();
        fbank.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
