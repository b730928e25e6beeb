using Speech.Core.Errors;
using Speech.Core.Runtime;
using Speech.Core.Training;
using Xunit;

namespace Speech.Core.Tests.Runtime;

public class PrecisionChoiceTests
{
    // Flags lines as the Linux kernel writes them (abridged): an AVX2-only AMD EPYC, a Sapphire
    // Rapids Xeon (AVX-512 BF16 and AMX), and an Ice Lake Xeon (AVX-512 without BF16).
    const string Epyc = "flags\t\t: fpu vme de pse tsc msr sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2";
    const string SapphireRapids = "flags\t\t: fpu sse2 avx2 avx512f avx512dq avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8";
    const string IceLake = "flags\t\t: fpu sse2 avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni";

    [Theory]
    [InlineData(Epyc, false)]
    [InlineData(SapphireRapids, true)]
    [InlineData(IceLake, false)]
    public void Native_bf16_comes_from_the_cpuinfo_flags(string flagsLine, bool native)
    {
        var lines = new[] { "processor\t: 0", "vendor_id\t: AuthenticAMD", flagsLine, "bugs\t\t: sysret_ss_attrs" };
        var flags = CpuFlags.Parse(lines);
        Assert.Contains("sse2", flags);
        Assert.DoesNotContain(":", flags);
        Assert.Equal(native, CpuFlags.HasNativeBf16(flags));
    }

    [Fact]
    public void A_cpuinfo_without_flags_has_none() =>
        Assert.Empty(CpuFlags.Parse(new[] { "processor\t: 0", "model name\t: ARMv8" }));

    [Theory]
    [InlineData("auto", true, Precision.Bf16)]
    [InlineData("auto", false, Precision.Fp32)]
    [InlineData("fp32", true, Precision.Fp32)]
    [InlineData("FP32", false, Precision.Fp32)]
    [InlineData("bf16", true, Precision.Bf16)]
    public void Choices_resolve_without_warning_where_nothing_is_emulated(string choice, bool native, Precision expected)
    {
        var warnings = new List<string>();
        Assert.Equal(expected, PrecisionChoice.Resolve(choice, native, warnings.Add));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Bf16_where_it_is_emulated_runs_as_asked_with_a_warning_naming_the_way_out()
    {
        var warnings = new List<string>();
        Assert.Equal(Precision.Bf16, PrecisionChoice.Resolve("bf16", nativeBf16: false, warnings.Add));
        var warning = Assert.Single(warnings);
        Assert.Contains("avx512_bf16", warning);
        Assert.Contains("--precision fp32", warning);
    }

    [Fact]
    public void An_unknown_precision_is_a_config_error_listing_the_choices()
    {
        var error = Assert.Throws<ConfigException>(() => PrecisionChoice.Resolve("fp16", nativeBf16: true));
        Assert.Contains("--precision fp16", error.Message);
        Assert.Contains("auto, fp32, bf16", error.Message);
    }

    [Fact]
    public void Auto_on_the_cpu_of_this_machine_follows_its_flags() =>
        Assert.Equal(CpuFlags.NativeBf16 ? Precision.Bf16 : Precision.Fp32, PrecisionChoice.Resolve("auto", TorchSharp.torch.CPU));
}
