using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Ggml;

/// <summary>Converts between our <see cref="WhisperModel"/> and whisper.cpp's ggml file, writing
/// tensors as whisper.cpp's own converter does with f16: matrices, conv kernels and the token
/// embedding in f16; biases, norms and positional embeddings in f32; conv biases as <c>[n, 1]</c>.</summary>
public static class GgmlWhisperConverter
{
    public const int EnglishVocabulary = 51864;

    /// <param name="melFilters">The model's mel filterbank <c>[n_mels, n_fft/2+1]</c> (whisper.cpp
    /// computes its own features with it).</param>
    /// <param name="vocabulary">Token bytes by id (ordinary tokens plus <c>&lt;|endoftext|&gt;</c>);
    /// whisper.cpp adds the special tokens itself.</param>
    public static GgmlWhisperFile FromModel(WhisperModel model, float[,] melFilters, byte[][] vocabulary)
    {
        var config = model.Config;
        if (config.VocabSize != EnglishVocabulary && config.VocabSize is < 51865 or > 51866)
            throw new ConfigException(
                $"cannot export to ggml: vocab_size {config.VocabSize} is not Whisper's (51864 English, 51865/51866 multilingual); " +
                "whisper.cpp and Whisper.net hard-wire Whisper's special-token ids");
        if (config.EncoderFfnDim != 4 * config.DModel || config.DecoderFfnDim != 4 * config.DModel)
            throw new ConfigException($"cannot export to ggml: whisper.cpp needs FFN width 4 x d_model ({4 * config.DModel}), this model has {config.EncoderFfnDim}/{config.DecoderFfnDim}");
        if (melFilters.GetLength(0) != config.NumMelBins)
            throw new ArgumentException($"{melFilters.GetLength(0)} mel filters for a model with {config.NumMelBins} mel bins");

        var tensors = new List<GgmlTensor>();
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in model.state_dict())
        {
            string ggmlName = GgmlTensorNames.ToGgml(name);
            long[] shape = parameter.shape.Where(d => d != 1).ToArray();
            if (ggmlName is "encoder.conv1.bias" or "encoder.conv2.bias") shape = new[] { shape[0], 1L };
            bool keepF32 = shape.Length < 2 || ggmlName.EndsWith("conv1.bias") || ggmlName.EndsWith("conv2.bias") || ggmlName.EndsWith("positional_embedding");
            int type = keepF32 ? GgmlTensor.F32 : GgmlTensor.F16;
            var data = parameter.detach().to(keepF32 ? ScalarType.Float32 : ScalarType.Float16).cpu().contiguous();
            tensors.Add(new GgmlTensor(ggmlName, type, shape.Reverse().Select(d => (int)d).ToArray(), data.bytes.ToArray()));
        }
        float[] filters = new float[melFilters.Length];
        Buffer.BlockCopy(melFilters, 0, filters, 0, filters.Length * sizeof(float));
        return new GgmlWhisperFile(GgmlHyperParameters.FromConfig(config, ftype: 1),
            melFilters.GetLength(0), melFilters.GetLength(1), filters, vocabulary, tensors);
    }

    /// <summary>Builds a model from a ggml file (f16 or f32 tensors), as a user with only
    /// <c>ggml-*.bin</c> files would use a teacher.</summary>
    public static WhisperModel ToModel(GgmlWhisperFile file, string source)
    {
        var config = file.HyperParameters.ToConfig();
        var byName = new Dictionary<string, GgmlTensor>();
        foreach (var tensor in file.Tensors)
            if (!byName.TryAdd(tensor.Name, tensor)) throw new CheckpointException($"{source}: tensor '{tensor.Name}' appears twice");
        var model = new WhisperModel(config);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var used = new HashSet<string>();
        foreach (var (name, parameter) in model.state_dict())
        {
            string ggmlName = GgmlTensorNames.ToGgml(name);
            if (!byName.TryGetValue(ggmlName, out var tensor)) throw new CheckpointException($"{source}: tensor '{ggmlName}' is missing");
            if (tensor.Elements != parameter.numel())
                throw new CheckpointException($"{source}: tensor '{ggmlName}' has {tensor.Elements} elements, the model expects {parameter.numel()} ({string.Join("x", parameter.shape)})");
            var raw = empty(new[] { tensor.Elements }, tensor.Type == GgmlTensor.F16 ? ScalarType.Float16 : ScalarType.Float32);
            raw.bytes = tensor.Data;
            parameter.copy_(raw.to(ScalarType.Float32).reshape(parameter.shape));
            used.Add(ggmlName);
        }
        string? extra = byName.Keys.FirstOrDefault(n => !used.Contains(n) && n != "decoder.proj.weight");
        if (extra is not null) throw new CheckpointException($"{source}: unknown tensor '{extra}' in the ggml file");
        return model;
    }
}
