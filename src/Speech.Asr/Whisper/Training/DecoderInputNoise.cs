namespace Speech.Asr.Whisper.Training;

/// <summary>Replaces a share of the decoder's text input tokens by other text tokens of the same batch
/// (the labels stay): a decoder trained from scratch on a few thousand sentences otherwise learns to
/// guess the next word from the previous ones and overrules what the encoder heard; with noisy
/// inputs it has to look at the audio. The prompts' tokens are never touched. Drawn from the
/// caller's <see cref="Random"/> (seeded by the batch's cut ids, so a resumed run repeats it).</summary>
public sealed class DecoderInputNoise(double probability)
{
    public double Probability { get; } = probability is >= 0 and < 1 ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), $"the share of noisy decoder inputs must be in [0, 1), not {probability}");

    /// <summary>Corrupts <paramref name="inputs"/> (<c>[B · length]</c>, row-major) in place: row b's
    /// text inputs are positions <c>given[b] .. textEnd[b] − 1</c>.</summary>
    public void Apply(long[] inputs, int length, IReadOnlyList<int> given, IReadOnlyList<int> textEnd, Random random)
    {
        if (Probability == 0) return;
        var pool = new List<long>();
        for (int b = 0; b < given.Count; b++)
            for (int u = given[b]; u < textEnd[b]; u++) pool.Add(inputs[b * length + u]);
        if (pool.Count == 0) return;
        for (int b = 0; b < given.Count; b++)
            for (int u = given[b]; u < textEnd[b]; u++)
                if (random.NextDouble() < Probability) inputs[b * length + u] = pool[random.Next(pool.Count)];
    }
}
