namespace Speech.Core.Audio;

/// <summary>Interleaved frames to one channel: pick one, or the mean of all (as sox `remix -`'s
/// average and librosa's to_mono do).</summary>
public static class ChannelMixer
{
    public static float[] Pick(ReadOnlySpan<float> interleaved, int channels, int channel)
    {
        if (channels == 1) return interleaved.ToArray();
        var mono = new float[interleaved.Length / channels];
        for (int i = 0; i < mono.Length; i++) mono[i] = interleaved[i * channels + channel];
        return mono;
    }

    public static float[] MixDown(ReadOnlySpan<float> interleaved, int channels)
    {
        if (channels == 1) return interleaved.ToArray();
        var mono = new float[interleaved.Length / channels];
        float scale = 1f / channels;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += interleaved[i * channels + c];
            mono[i] = sum * scale;
        }
        return mono;
    }
}
