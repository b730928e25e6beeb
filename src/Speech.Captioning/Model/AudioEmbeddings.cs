using static TorchSharp.torch;

namespace Speech.Captioning.Model;

/// <summary>What the audio encoder gives: frame embeddings <c>[B, T', E]</c> with valid frame counts
/// <c>[B]</c> (the decoder's memory) and the clip embedding <c>[B, E]</c>, the length-masked
/// temporal mean of the frames (the paper's <c>fc_emb</c>, which encoder-level KD matches).</summary>
public sealed record AudioEmbeddings(Tensor Frames, Tensor Lengths, Tensor Clip);
