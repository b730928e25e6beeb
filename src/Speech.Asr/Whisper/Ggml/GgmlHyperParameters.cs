namespace Speech.Asr.Whisper.Ggml;

/// <summary>The eleven int32 hyper-parameters after the magic of a whisper.cpp model file, in
/// file order. <see cref="FType"/>: 0 = all f32, 1 = f16 matrices.</summary>
public sealed record GgmlHyperParameters(
    int NVocab, int NAudioCtx, int NAudioState, int NAudioHead, int NAudioLayer,
    int NTextCtx, int NTextState, int NTextHead, int NTextLayer, int NMels, int FType)
{
    public int[] ToArray() => new[] { NVocab, NAudioCtx, NAudioState, NAudioHead, NAudioLayer, NTextCtx, NTextState, NTextHead, NTextLayer, NMels, FType };

    public static GgmlHyperParameters FromArray(int[] v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);

    public static GgmlHyperParameters FromConfig(WhisperConfig c, int ftype) => new(
        c.VocabSize, c.MaxSourcePositions, c.DModel, c.EncoderAttentionHeads, c.EncoderLayers,
        c.MaxTargetPositions, c.DModel, c.DecoderAttentionHeads, c.DecoderLayers, c.NumMelBins, ftype);

    /// <summary>The model whisper.cpp would build: its FFN width is always 4 × state.</summary>
    public WhisperConfig ToConfig()
    {
        bool multilingual = NVocab >= 51865;
        int end = multilingual ? 50257 : 50256;
        return new WhisperConfig
        {
            VocabSize = NVocab, NumMelBins = NMels, DModel = NAudioState,
            EncoderLayers = NAudioLayer, EncoderAttentionHeads = NAudioHead, EncoderFfnDim = 4 * NAudioState,
            DecoderLayers = NTextLayer, DecoderAttentionHeads = NTextHead, DecoderFfnDim = 4 * NTextState,
            MaxSourcePositions = NAudioCtx, MaxTargetPositions = NTextCtx,
            PadTokenId = end, EosTokenId = end, BosTokenId = end + 1, DecoderStartTokenId = end + 1,
        };
    }
}
