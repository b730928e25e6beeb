namespace Speech.Asr.Whisper.Ggml;

/// <summary>Parameter names in whisper.cpp's ggml files (OpenAI's original names) against Hugging
/// Face's, as whisper.cpp's convert-h5-to-ggml.py maps them. The one renaming table of the toolkit.</summary>
public static class GgmlTensorNames
{
    static readonly (string HuggingFace, string Ggml)[] LayerParts =
    {
        ("self_attn.q_proj", "attn.query"), ("self_attn.k_proj", "attn.key"), ("self_attn.v_proj", "attn.value"),
        ("self_attn.out_proj", "attn.out"), ("self_attn_layer_norm", "attn_ln"),
        ("encoder_attn.q_proj", "cross_attn.query"), ("encoder_attn.k_proj", "cross_attn.key"),
        ("encoder_attn.v_proj", "cross_attn.value"), ("encoder_attn.out_proj", "cross_attn.out"),
        ("encoder_attn_layer_norm", "cross_attn_ln"),
        ("fc1", "mlp.0"), ("fc2", "mlp.2"), ("final_layer_norm", "mlp_ln"),
    };

    static readonly (string HuggingFace, string Ggml)[] Globals =
    {
        ("model.encoder.conv1.weight", "encoder.conv1.weight"), ("model.encoder.conv1.bias", "encoder.conv1.bias"),
        ("model.encoder.conv2.weight", "encoder.conv2.weight"), ("model.encoder.conv2.bias", "encoder.conv2.bias"),
        ("model.encoder.embed_positions.weight", "encoder.positional_embedding"),
        ("model.encoder.layer_norm.weight", "encoder.ln_post.weight"), ("model.encoder.layer_norm.bias", "encoder.ln_post.bias"),
        ("model.decoder.embed_tokens.weight", "decoder.token_embedding.weight"),
        ("model.decoder.embed_positions.weight", "decoder.positional_embedding"),
        ("model.decoder.layer_norm.weight", "decoder.ln.weight"), ("model.decoder.layer_norm.bias", "decoder.ln.bias"),
    };

    public static string ToGgml(string huggingFace)
    {
        foreach (var (hf, ggml) in Globals) if (hf == huggingFace) return ggml;
        foreach (string part in new[] { "encoder", "decoder" })
        {
            string prefix = $"model.{part}.layers.";
            if (!huggingFace.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = huggingFace[prefix.Length..];           // "3.self_attn.q_proj.weight"
            int dot = rest.IndexOf('.');
            string layer = rest[..dot], tail = rest[(dot + 1)..];   // "self_attn.q_proj.weight"
            int last = tail.LastIndexOf('.');
            string module = tail[..last], leaf = tail[(last + 1)..];
            foreach (var (hf, ggml) in LayerParts)
                if (hf == module) return $"{part}.blocks.{layer}.{ggml}.{leaf}";
        }
        throw new ArgumentException($"no ggml name for parameter '{huggingFace}'");
    }

    public static string ToHuggingFace(string ggmlName)
    {
        foreach (var (hf, ggml) in Globals) if (ggml == ggmlName) return hf;
        foreach (string part in new[] { "encoder", "decoder" })
        {
            string prefix = $"{part}.blocks.";
            if (!ggmlName.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = ggmlName[prefix.Length..];
            int dot = rest.IndexOf('.');
            string layer = rest[..dot], tail = rest[(dot + 1)..];
            int last = tail.LastIndexOf('.');
            string module = tail[..last], leaf = tail[(last + 1)..];
            foreach (var (hf, ggml) in LayerParts)
                if (ggml == module) return $"model.{part}.layers.{layer}.{hf}.{leaf}";
        }
        throw new ArgumentException($"unknown ggml tensor '{ggmlName}'");
    }
}
