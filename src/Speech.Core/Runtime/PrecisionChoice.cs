using Speech.Core.Errors;
using Speech.Core.Training;
using TorchSharp;

namespace Speech.Core.Runtime;

/// <summary>The <c>--precision auto|fp32|bf16</c> choice, resolved for a device. bf16 halves what
/// every matrix product reads and, where the hardware multiplies bf16 natively (a CPU with AVX-512
/// BF16 or AMX; a CUDA GPU), trains and decodes 2–3× faster than fp32. Elsewhere libtorch emulates
/// it: on an AVX2-only CPU (AMD EPYC) a training step of the mini teacher took 27× longer in bf16
/// than in fp32. So <c>auto</c> picks bf16 only where it is native, and an explicit bf16 where it
/// is not runs as asked, with a warning.</summary>
public static class PrecisionChoice
{
    public static readonly string[] Names = { "auto", "fp32", "bf16" };

    /// <summary>Whether <paramref name="device"/> multiplies bf16 natively. CUDA counts as native
    /// (GPUs before Ampere emulate bf16 too: choose fp32 there).</summary>
    public static bool NativeBf16(torch.Device device) => device.type == DeviceType.CUDA || CpuFlags.NativeBf16;

    public static Precision Resolve(string choice, torch.Device device, Action<string>? warn = null) =>
        Resolve(choice, NativeBf16(device), warn);

    /// <summary>As <see cref="Resolve(string, torch.Device, Action{string}?)"/> for a choice read from
    /// <paramref name="setting"/> (a flag, or <c>FILE: section.key</c> of a recipe), which an unknown
    /// choice's error names.</summary>
    public static Precision Resolve(string choice, torch.Device device, string setting, Action<string>? warn = null) =>
        Resolve(choice, NativeBf16(device), warn, setting);

    /// <summary>auto: bf16 where <paramref name="nativeBf16"/>, else fp32. bf16 where it is not
    /// native calls <paramref name="warn"/> with the reason and the alternative.</summary>
    public static Precision Resolve(string choice, bool nativeBf16, Action<string>? warn = null, string setting = "--precision")
    {
        var precision = choice.Trim().ToLowerInvariant() switch
        {
            "fp32" => Precision.Fp32,
            "auto" => nativeBf16 ? Precision.Bf16 : Precision.Fp32,
            "bf16" => Precision.Bf16,
            _ => throw new ConfigException($"{setting} {choice}: unknown precision; valid choices are {string.Join(", ", Names)}"),
        };
        if (precision == Precision.Bf16 && !nativeBf16) warn?.Invoke(EmulatedBf16);
        return precision;
    }

    /// <summary>True when <paramref name="precision"/> is bf16 on a device that only emulates it
    /// (for precisions that come from a config file rather than <c>--precision</c>).</summary>
    public static bool Emulated(Precision precision, torch.Device device) => precision == Precision.Bf16 && !NativeBf16(device);

    public const string EmulatedBf16 =
        "bf16 on a CPU without native bf16 (no avx512_bf16 or amx_bf16 in /proc/cpuinfo): libtorch emulates it, many times slower than fp32 here; " +
        "use --precision fp32 or auto";
}
