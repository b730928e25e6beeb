using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Speech.Bench;

/// <summary>Short in-process runs (no per-benchmark rebuild) with the real-time-factor column.</summary>
public sealed class AudioBenchmarkConfig : ManualConfig
{
    public AudioBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new AudioRealTimeColumn());
    }
}
