using Speech.Core.Runtime;

namespace Speech.Core.Tests.Runtime;

/// <summary>The process runs with glibc's mmap threshold fixed (see <see cref="NativeHeap"/>): on the
/// project's Linux machines nothing may stop it silently.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void On_linux_with_glibc_the_heap_is_tuned_when_speech_core_loads()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null ||
            Environment.GetEnvironmentVariable(NativeHeap.OptOut) == "1") return;
        Assert.True(NativeHeap.Tuned, NativeHeap.NotTunedBecause);
        Assert.Null(NativeHeap.NotTunedBecause);
    }
}
