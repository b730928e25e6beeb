namespace Speech.Core.Text;

/// <summary>What corpus WER does with an utterance whose (normalised) reference is empty.</summary>
public enum EmptyReferencePolicy
{
    /// <summary>Leave it out and count it (Whisper/Distil-Whisper evaluation: such samples are
    /// excluded; jiwer refuses empty references).</summary>
    Exclude,
    /// <summary>Keep it: every hypothesis word counts as an insertion, adding 0 reference words.</summary>
    CountInsertions,
}
