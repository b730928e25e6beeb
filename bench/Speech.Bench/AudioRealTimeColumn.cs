using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Speech.Bench;

/// <summary>"×RT": seconds of audio per second of compute (audio seconds / mean time), from each
/// benchmark's <see cref="AudioSecondsAttribute"/>.</summary>
public sealed class AudioRealTimeColumn : IColumn
{
    public string Id => nameof(AudioRealTimeColumn);
    public string ColumnName => "xRealTime";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Seconds of audio processed per second of compute (higher is faster)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var seconds = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<AudioSecondsAttribute>()?.Seconds;
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return seconds is null || meanNanoseconds is not > 0 ? "-" : $"{seconds.Value / (meanNanoseconds.Value * 1e-9):F0}x";
    }
}
