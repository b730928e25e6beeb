using NAudio.Dsp;

namespace Speech.Core.Audio;

/// <summary>NAudio's managed port of Cockos WDL's windowed-sinc resampler: the fallback when
/// libsoxr is absent. WDL delays its output by half the sinc length; that delay is measured once
/// per rate pair with an impulse and cut off, so the output lines up with the input.</summary>
public sealed class WdlSincResampler(int sincSize = 64) : IResampler
{
    const int Chunk = 4096;

    public string Name => $"wdl-sinc{sincSize}";

    public float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate) return input.ToArray();
        int length = (int)Math.Ceiling(input.Length * (double)outputRate / inputRate);
        int delay = MeasureDelay(inputRate, outputRate);
        float[] raw = Run(input, inputRate, outputRate, length + delay);
        var output = new float[length];
        Array.Copy(raw, delay, output, 0, Math.Min(length, raw.Length - delay));
        return output;
    }

    /// <summary>Feeds the input, then zeros until <paramref name="wanted"/> outputs exist.</summary>
    float[] Run(ReadOnlySpan<float> input, int inputRate, int outputRate, int wanted)
    {
        var resampler = new WdlResampler();
        resampler.SetMode(true, 0, true, sincSize);
        resampler.SetFeedMode(true);
        resampler.SetRates(inputRate, outputRate);
        var output = new float[wanted + Chunk * 2];
        int produced = 0, consumed = 0;
        while (produced < wanted)
        {
            int count = Chunk;
            int needed = resampler.ResamplePrepare(count, 1, out float[] buffer, out int offset);
            int real = Math.Clamp(input.Length - consumed, 0, needed);
            input.Slice(consumed, real).CopyTo(buffer.AsSpan(offset, real));
            buffer.AsSpan(offset + real, needed - real).Clear();
            consumed += real;
            int room = output.Length - produced;
            if (room <= 0) break;
            produced += resampler.ResampleOut(output, produced, needed, room, 1);
        }
        return output[..Math.Min(produced, output.Length)];
    }

    int MeasureDelay(int inputRate, int outputRate)
    {
        // An impulse well inside a short signal: its peak in the output marks the delay.
        const int at = 256;
        var impulse = new float[at * 4];
        impulse[at] = 1;
        float[] response = Run(impulse, inputRate, outputRate, impulse.Length * outputRate / inputRate + 2 * sincSize + Chunk);
        int peak = 0;
        for (int i = 1; i < response.Length; i++) if (Math.Abs(response[i]) > Math.Abs(response[peak])) peak = i;
        return Math.Max(0, peak - (int)Math.Round(at * (double)outputRate / inputRate));
    }
}
