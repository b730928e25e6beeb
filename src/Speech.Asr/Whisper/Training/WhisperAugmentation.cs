using Speech.Core.Features;

namespace Speech.Asr.Whisper.Training;

/// <summary>What a Whisper batch builder perturbs when training on a small corpus: SpecAugment on the
/// speech's log-mel and noise on the decoder's text inputs, both drawn from <see cref="Seed"/> and the
/// batch's cut ids (a resumed run repeats them).</summary>
public sealed record WhisperAugmentation(SpecAugmentOptions? SpecAugment = null, DecoderInputNoise? InputNoise = null, int Seed = 0)
{
    /// <summary>SpecAugment for windows of a few seconds: the LibriSpeech basic policy's frequency masks
    /// (two, up to 27 bins) and two time masks of at most 40 frames and 20 % of the speech each, since
    /// its 100-frame masks would blank half of a 4 s window.</summary>
    public static readonly SpecAugmentOptions ShortWindowSpecAugment = new() { MaxTimeWidth = 40, MaxTimeProportion = 0.2 };
}
