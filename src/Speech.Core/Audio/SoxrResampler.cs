using System.Runtime.InteropServices;

namespace Speech.Core.Audio;

/// <summary>libsoxr, linear phase: the resampler torchaudio, librosa and sox build on. soxr
/// compensates its own filter delay, so the output lines up with the input.</summary>
public sealed class SoxrResampler(SoxrQuality quality = SoxrQuality.High) : IResampler
{
    public SoxrQuality Quality => quality;

    public string Name => quality switch
    {
        SoxrQuality.VeryHigh => "soxr-vhq", SoxrQuality.High => "soxr-hq", SoxrQuality.Medium => "soxr-mq",
        SoxrQuality.Low => "soxr-lq", _ => "soxr-qq",
    };

    public static bool IsAvailable => NativeLibraryLoader.IsAvailable(NativeAudioLibrary.Soxr);

    public unsafe float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate) return input.ToArray();
        NativeLibraryLoader.Ensure(NativeAudioLibrary.Soxr);
        var output = new float[(int)Math.Ceiling(input.Length * (double)outputRate / inputRate)];
        if (input.Length == 0) return output;
        var spec = SoxrNative.CreateQualitySpec((nuint)quality, 0);
        nuint inputDone = 0, outputDone = 0;
        IntPtr error;
        fixed (float* source = input)
        fixed (float* destination = output)
            error = SoxrNative.OneShot(inputRate, outputRate, 1, source, (nuint)input.Length, &inputDone,
                destination, (nuint)output.Length, &outputDone, IntPtr.Zero, &spec, IntPtr.Zero);
        if (error != IntPtr.Zero)
            throw new InvalidOperationException($"soxr failed: {Marshal.PtrToStringUTF8(error)}");
        return output;
    }
}
