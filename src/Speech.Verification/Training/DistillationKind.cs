namespace Speech.Verification.Training;

/// <summary>What the distillation token learns from the teacher (DeiT's <c>--distillation-type</c>).</summary>
public enum DistillationKind
{
    /// <summary>Class token only: cross-entropy with the labels, no teacher.</summary>
    None,
    /// <summary>Cross-entropy against the teacher's argmax (DeiT's headline setting).</summary>
    Hard,
    /// <summary><c>T²·KL(teacher ‖ student)</c> of temperature-softened distributions.</summary>
    Soft,
}
