using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>The CPU matmul rate libtorch reaches here, fp32 against bf16 in the same run: the
/// ceiling every model step is measured against.</summary>
[MemoryDiagnoser]
public class MatmulBenchmarks
{
    const int Size = 1024;
    Tensor a32 = null!, b32 = null!, a16 = null!, b16 = null!;

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(0);
        a32 = randn(Size, Size); b32 = randn(Size, Size);
        a16 = a32.to(ScalarType.BFloat16); b16 = b32.to(ScalarType.BFloat16);
    }

    [Benchmark(Baseline = true)]
    public void Float32() { using var c = a32.matmul(b32); }

    [Benchmark]
    public void BFloat16() { using var c = a16.matmul(b16); }

    [GlobalCleanup]
    public void Cleanup() { a32.Dispose(); b32.Dispose(); a16.Dispose(); b16.Dispose(); }
}
