using Speech.Asr.Inference;

namespace Speech.Asr.Tests.Inference;

public sealed class ChunkedTranscriberTests
{
    [Theory]
    [InlineData(new long[] { 1, 2, 3, 4, 5 }, new long[] { 4, 5, 6, 7 }, new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    // Garbled edges: the left chunk's last word and the right chunk's first are cut by the window.
    [InlineData(new long[] { 1, 2, 3, 4, 5, 90 }, new long[] { 91, 3, 4, 5, 6 }, new long[] { 1, 2, 3, 4, 5, 6 })]
    // Nothing shared: concatenated.
    [InlineData(new long[] { 1, 2 }, new long[] { 3, 4 }, new long[] { 1, 2, 3, 4 })]
    // A phrase repeated far back does not pull the join there.
    [InlineData(new long[] { 7, 8, 9, 1, 2, 3, 7, 8 }, new long[] { 7, 8, 9, 5 }, new long[] { 7, 8, 9, 1, 2, 3, 7, 8, 9, 5 })]
    public void Neighbouring_chunks_join_in_the_middle_of_their_shared_run(long[] left, long[] right, long[] expected) =>
        Assert.Equal(expected, TokenOverlapMerge.Merge(new IReadOnlyList<long>[] { left, right }));

    /// <summary>A stand-in recogniser over "block audio": every 0.5 s block holds one constant value,
    /// its word id. It reports the blocks a window holds whole, and a garbled id (1000 + word) for a
    /// block the window cuts, as a real model mishears a word cut at a window's edge.</summary>
    sealed class BlockRecognizer : ITranscriptionEngine
    {
        public string Name => "blocks";
        public int Calls { get; private set; }

        public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio)
        {
            Calls++;
            return audio.Select(a =>
            {
                var tokens = new List<long>();
                for (int start = 0; start < a.Length;)
                {
                    int end = start;
                    while (end < a.Length && a[end] == a[start]) end++;
                    long word = (long)a[start];
                    tokens.Add(end - start == Block ? word : 1000 + word);
                    start = end;
                }
                return new Transcript(string.Join(' ', tokens), tokens);
            }).ToList();
        }

        public void Dispose() { }
    }

    const int Block = 8000; // 0.5 s

    [Fact]
    public void Long_audio_comes_back_whole_from_overlapping_windows()
    {
        var words = Enumerable.Range(1, 40).Select(i => (long)i).ToList(); // 20 s
        var audio = words.SelectMany(w => Enumerable.Repeat((float)w, Block)).ToArray();
        var engine = new BlockRecognizer();
        using var chunked = new ChunkedTranscriber(engine, windowSamples: 4 * 16000, overlapSeconds: 0.8, decode: t => string.Join(' ', t));

        var starts = chunked.ChunkStarts(audio.Length);
        Assert.Equal(new[] { 0, 38400, 76800, 115200, 153600, 192000, 230400, 256000 }, starts); // step 4 - 2·0.8 = 2.4 s; last ends at 20 s
        var result = chunked.Transcribe(new[] { audio, audio.Take(3 * 16000).ToArray() });
        Assert.Equal(words, result[0].Tokens);
        Assert.Equal(words.Take(6), result[1].Tokens); // fits one window: decoded as it is
        Assert.Equal(1, engine.Calls);                 // all windows of all inputs in one engine call
    }
}
