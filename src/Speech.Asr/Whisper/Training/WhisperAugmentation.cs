using Speech.Core.Features;

namespace Speech.Asr.Whisper.Training;

/// <summary>What a Whisper batch builder perturbs when training on a small corpus: SpecAugment on the
/// speech's log-mel and noise on the decoder's text inputs, both drawn from <see cref="Seed"/> and the
/// batch's cut ids (a resumed run repeats them).</summary>
public sealed record WhisperAugmentation(SpecAugmentOptions? SpecAugment = null, DecoderInputNoise? InputNoise = null, int Seed = 0);
