namespace Speech.Asr.Whisper.Ggml;

/// <summary>What whisper.cpp (and so Whisper.net) requires of a model file before it will load and
/// run it, checked in managed code: some violations make it refuse the file, others (f32 conv
/// kernels in an f16 file) abort the whole process inside ggml. An empty list means it is safe.</summary>
public static class GgmlCompatibility
{
    public static List<string> Problems(GgmlWhisperFile file)
    {
        var problems = new List<string>();
        var h = file.HyperParameters;
        if (h.FType is not (GgmlTensor.F32 or GgmlTensor.F16)) problems.Add($"ftype {h.FType} is not supported (0 = f32, 1 = f16)");
        if (h.NTextState != h.NAudioState) problems.Add($"n_text_state {h.NTextState} differs from n_audio_state {h.NAudioState}");
        if (h.NVocab != GgmlWhisperConverter.EnglishVocabulary && h.NVocab is < 51865 or > 51866)
            problems.Add($"n_vocab {h.NVocab} is not Whisper's (51864 English, 51865/51866 multilingual): the special-token ids would be wrong");
        if (file.MelBins != h.NMels || file.FftBins != 201) problems.Add($"mel filters are {file.MelBins}x{file.FftBins}, expected {h.NMels}x201");
        if (h.NAudioHead <= 0 || h.NAudioState % h.NAudioHead != 0 || h.NTextHead <= 0 || h.NTextState % h.NTextHead != 0)
            problems.Add("the state size is not divisible by the number of heads");
        if (problems.Count > 0) return problems;

        var expected = ExpectedTensors(h);
        var seen = new HashSet<string>();
        foreach (var tensor in file.Tensors)
        {
            if (!expected.TryGetValue(tensor.Name, out var want)) { problems.Add($"unknown tensor '{tensor.Name}'"); continue; }
            seen.Add(tensor.Name);
            if (!tensor.Ne.SequenceEqual(want.Ne))
                problems.Add($"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Ne)}], whisper.cpp expects [{string.Join(", ", want.Ne)}]");
            if (tensor.Type != want.Type)
                problems.Add($"tensor '{tensor.Name}' is {TypeName(tensor.Type)}, whisper.cpp expects {TypeName(want.Type)}" +
                             (tensor.Name.Contains("conv") && tensor.Name.EndsWith(".weight") ? " (f32 conv kernels in an f16 file abort ggml)" : ""));
        }
        problems.AddRange(expected.Keys.Where(n => !seen.Contains(n)).Select(n => $"tensor '{n}' is missing"));
        return problems;
    }

    static string TypeName(int type) => type == GgmlTensor.F16 ? "f16" : type == GgmlTensor.F32 ? "f32" : $"type {type}";

    /// <summary>Every tensor whisper.cpp creates for these hyper-parameters, with its ggml shape and
    /// type: matrices in the file's weight type, conv kernels f16 unless the file is all-f32,
    /// everything else f32 (whisper.cpp's whisper_model_load).</summary>
    static Dictionary<string, (int[] Ne, int Type)> ExpectedTensors(GgmlHyperParameters h)
    {
        int w = h.FType, conv = h.FType == GgmlTensor.F32 ? GgmlTensor.F32 : GgmlTensor.F16, f = GgmlTensor.F32;
        int a = h.NAudioState, t = h.NTextState;
        var e = new Dictionary<string, (int[], int)>
        {
            ["encoder.positional_embedding"] = (new[] { a, h.NAudioCtx }, f),
            ["encoder.conv1.weight"] = (new[] { 3, h.NMels, a }, conv), ["encoder.conv1.bias"] = (new[] { 1, a }, f),
            ["encoder.conv2.weight"] = (new[] { 3, a, a }, conv), ["encoder.conv2.bias"] = (new[] { 1, a }, f),
            ["encoder.ln_post.weight"] = (new[] { a }, f), ["encoder.ln_post.bias"] = (new[] { a }, f),
            ["decoder.positional_embedding"] = (new[] { t, h.NTextCtx }, f),
            ["decoder.token_embedding.weight"] = (new[] { t, h.NVocab }, w),
            ["decoder.ln.weight"] = (new[] { t }, f), ["decoder.ln.bias"] = (new[] { t }, f),
        };
        void Block(string prefix, int n, bool cross)
        {
            var attentions = cross ? new[] { "attn", "cross_attn" } : new[] { "attn" };
            e[$"{prefix}.mlp_ln.weight"] = (new[] { n }, f); e[$"{prefix}.mlp_ln.bias"] = (new[] { n }, f);
            e[$"{prefix}.mlp.0.weight"] = (new[] { n, 4 * n }, w); e[$"{prefix}.mlp.0.bias"] = (new[] { 4 * n }, f);
            e[$"{prefix}.mlp.2.weight"] = (new[] { 4 * n, n }, w); e[$"{prefix}.mlp.2.bias"] = (new[] { n }, f);
            foreach (string attention in attentions)
            {
                e[$"{prefix}.{attention}_ln.weight"] = (new[] { n }, f); e[$"{prefix}.{attention}_ln.bias"] = (new[] { n }, f);
                foreach (string projection in new[] { "query", "key", "value", "out" })
                {
                    e[$"{prefix}.{attention}.{projection}.weight"] = (new[] { n, n }, w);
                    if (projection != "key") e[$"{prefix}.{attention}.{projection}.bias"] = (new[] { n }, f);
                }
            }
        }
        for (int i = 0; i < h.NAudioLayer; i++) Block($"encoder.blocks.{i}", a, cross: false);
        for (int i = 0; i < h.NTextLayer; i++) Block($"decoder.blocks.{i}", t, cross: true);
        return e;
    }
}
