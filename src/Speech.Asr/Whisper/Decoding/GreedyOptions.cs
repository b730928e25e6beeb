namespace Speech.Asr.Whisper.Decoding;

/// <summary>How greedy decoding runs: the prompt every row starts with (e.g.
/// <c>&lt;|startoftranscript|&gt; &lt;|notimestamps|&gt;</c>), where it stops, and which tokens it may never emit.</summary>
/// <param name="Prompt">Token ids fed before the first prediction (same for every row).</param>
/// <param name="EndToken">End of text: a row that emits it is finished.</param>
/// <param name="MaxNewTokens">Upper bound on emitted tokens per row (the decoder's position limit also applies).</param>
/// <param name="SuppressTokens">Ids masked at every step (Whisper's non-speech symbols, special tokens).</param>
/// <param name="SuppressAtBegin">Ids masked at the first step only (Whisper's blank and end-of-text).</param>
/// <param name="Timestamps">Decode with timestamps under these rules (the prompt then has no
/// <c>&lt;|notimestamps|&gt;</c>); null = text only.</param>
public sealed record GreedyOptions(
    IReadOnlyList<long> Prompt,
    long EndToken,
    int MaxNewTokens = 224,
    IReadOnlyList<long>? SuppressTokens = null,
    IReadOnlyList<long>? SuppressAtBegin = null,
    TimestampRules? Timestamps = null);
