using static TorchSharp.torch;

namespace Speech.Verification.Model;

/// <summary>A forward pass: the pooled state (class token, or frame average) <c>[B, D]</c>, the
/// distillation token's state when the model has one, and each head's logits <c>[B, S]</c>.</summary>
public sealed record SpeakerOutput(Tensor ClassState, Tensor? DistillationState, Tensor ClassLogits, Tensor? DistillationLogits);
