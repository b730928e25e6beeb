using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>A training batch. Inputs start with bos, targets end with eos; padding is
/// <see cref="IgnoreIndex"/> in targets, so an audio-only clip has a target row of padding only.
/// The teacher fields are there when the objective uses cached teacher outputs.</summary>
/// <param name="Features">Log-mel <c>[B, T, F]</c>.</param>
/// <param name="FeatureLengths">Frames <c>[B]</c>.</param>
/// <param name="Inputs">Decoder inputs for the reference caption <c>[B, U]</c>.</param>
/// <param name="Targets">Next words <c>[B, U]</c>, −100 at padding and for audio-only clips.</param>
/// <param name="TeacherInputs">Decoder inputs for the teacher's beam-3 caption <c>[B, U']</c>.</param>
/// <param name="TeacherTargets">Next words of the teacher's caption <c>[B, U']</c>.</param>
/// <param name="TeacherEmbeddings">The teacher's clip embeddings <c>[B, Et]</c>.</param>
public sealed record CaptionBatch(Tensor Features, Tensor FeatureLengths, Tensor Inputs, Tensor Targets,
    Tensor? TeacherInputs, Tensor? TeacherTargets, Tensor? TeacherEmbeddings, IReadOnlyList<string> CutIds) : IDisposable
{
    public const long IgnoreIndex = -100;

    public void Dispose()
    {
        Features.Dispose();
        FeatureLengths.Dispose();
        Inputs.Dispose();
        Targets.Dispose();
        TeacherInputs?.Dispose();
        TeacherTargets?.Dispose();
        TeacherEmbeddings?.Dispose();
    }
}
