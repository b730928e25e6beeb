using Speech.Asr.Inference;
using Speech.Asr.Whisper.Ggml;
using Speech.Core.Errors;
using Whisper.net;

namespace Speech.Asr.Whisper.Engines;

/// <summary>Whisper.net (whisper.cpp) as an engine for ggml model files: greedy, English, no
/// timestamps (prompt <c>&lt;|startoftranscript|&gt; &lt;|notimestamps|&gt;</c>), no temperature
/// fallback, no context carried between utterances, so its output is comparable token for token
/// with our own greedy decoder. The file is checked in managed code first: whisper.cpp
/// aborts the whole process on some malformed files instead of failing.</summary>
public sealed class WhisperNetEngine : ITranscriptionEngine
{
    readonly WhisperFactory factory;
    readonly WhisperProcessor processor;
    readonly int endOfText;

    public WhisperNetEngine(string modelPath, int threads = 0)
    {
        var header = GgmlWhisperFile.Read(modelPath, loadData: false);
        var problems = GgmlCompatibility.Problems(header);
        if (problems.Count > 0)
            throw new CheckpointException($"{modelPath}: whisper.cpp cannot run this file: {string.Join("; ", problems.Take(3))}" +
                                          (problems.Count > 3 ? $" (and {problems.Count - 3} more)" : ""));
        endOfText = header.HyperParameters.NVocab >= 51865 ? 50257 : 50256; // multilingual ids are shifted by one
        factory = WhisperFactory.FromPath(modelPath);
        var builder = factory.CreateBuilder()
            .WithLanguage("en")
            .WithTemperature(0)
            .WithTemperatureInc(0)
            .WithNoContext()
            .WithSingleSegment()
            .WithProbabilities();
        if (threads > 0) builder = builder.WithThreads(threads);
        processor = builder.Build();
        WhisperNetNoTimestamps.Apply(processor);
    }

    public string Name => "whisper.net";

    public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio) =>
        audio.Select(TranscribeOne).ToList();

    Transcript TranscribeOne(float[] samples)
    {
        var segments = new List<SegmentData>();
        var enumerator = processor.ProcessAsync(samples).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) segments.Add(enumerator.Current);
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        string text = string.Concat(segments.Select(s => s.Text)).Trim();
        // Ids below end-of-text are text; the rest are special (start, timestamps, ...).
        var tokens = segments.SelectMany(s => s.Tokens ?? Array.Empty<WhisperToken>())
            .Select(t => (long)t.Id).Where(id => id < endOfText).ToList();
        return new Transcript(text, tokens);
    }

    public void Dispose()
    {
        processor.Dispose();
        factory.Dispose();
    }
}
