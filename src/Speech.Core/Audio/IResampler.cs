namespace Speech.Core.Audio;

/// <summary>Changes the sample rate of one channel. Output length is
/// <c>ceil(input * outputRate / inputRate)</c> (librosa's and torchaudio's convention) and the
/// output is aligned with the input (no filter delay).</summary>
public interface IResampler
{
    /// <summary>"soxr-vhq", "wdl-sinc" ...</summary>
    string Name { get; }

    float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate);
}
