namespace Speech.Asr.Inference;

/// <summary>Long-form transcription by chunks (the transformers pipeline's chunk_length_s, which
/// distil-whisper evaluates with): audio longer than the model's window is cut into windows that
/// overlap by <see cref="OverlapSeconds"/> on each side, all windows of all inputs are decoded
/// together in the engine's batches, and neighbouring windows' tokens are joined where they agree
/// (<see cref="TokenOverlapMerge"/>). Audio that fits one window is decoded as it is.</summary>
public sealed class ChunkedTranscriber(ITranscriptionEngine engine, int windowSamples, double overlapSeconds, Func<IReadOnlyList<long>, string> decode)
    : ITranscriptionEngine
{
    const int SampleRate = 16000;

    public string Name => engine.Name;

    public double OverlapSeconds => overlapSeconds;

    /// <summary>Chunk start offsets (samples) for audio of <paramref name="length"/> samples: each
    /// window advances by its length less both overlaps; the last one ends at the audio's end.</summary>
    public IReadOnlyList<int> ChunkStarts(int length)
    {
        if (length <= windowSamples) return new[] { 0 };
        int overlap = (int)(overlapSeconds * SampleRate), step = windowSamples - 2 * overlap;
        if (step <= 0) throw new Speech.Core.Errors.ConfigException($"chunk overlap {overlapSeconds} s: an overlap of {overlapSeconds} s on each side leaves nothing of a {windowSamples / (double)SampleRate} s window");
        var starts = new List<int>();
        for (int start = 0; ; start += step)
        {
            if (start + windowSamples >= length) { starts.Add(Math.Max(0, length - windowSamples)); break; }
            starts.Add(start);
        }
        return starts.Distinct().ToList();
    }

    public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio)
    {
        var chunks = new List<float[]>();
        var owners = new List<int>();
        for (int i = 0; i < audio.Count; i++)
            foreach (int start in ChunkStarts(audio[i].Length))
            {
                chunks.Add(audio[i].AsSpan(start, Math.Min(windowSamples, audio[i].Length - start)).ToArray());
                owners.Add(i);
            }
        var pieces = engine.Transcribe(chunks);
        var results = new List<Transcript>(audio.Count);
        for (int i = 0; i < audio.Count; i++)
        {
            var own = pieces.Where((_, k) => owners[k] == i).ToList();
            if (own.Count == 1) { results.Add(own[0]); continue; }
            var tokens = TokenOverlapMerge.Merge(own.Select(p => p.Tokens).ToList());
            results.Add(new Transcript(decode(tokens).Trim(), tokens));
        }
        return results;
    }

    public void Dispose() => engine.Dispose();
}
