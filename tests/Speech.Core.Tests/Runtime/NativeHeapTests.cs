using Speech.Core.Runtime;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Runtime;

/// <summary>The process runs with glibc's mmap threshold fixed and libtorch asked for huge pages (see
/// <see cref="NativeHeap"/>): on the project's Linux machines nothing may stop either silently.</summary>
public sealed class NativeHeapTests
{
    static bool Applies => OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(NativeHeap.OptOut) != "1";

    [Fact]
    public void On_linux_with_glibc_the_heap_is_tuned_when_speech_core_loads()
    {
        if (!Applies || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null) return;
        Assert.True(NativeHeap.Tuned, NativeHeap.NotTunedBecause);
        Assert.Null(NativeHeap.NotTunedBecause);
    }

    [Fact]
    public void Libtorch_sees_the_huge_page_switch_and_page_aligns_big_tensors()
    {
        if (!Applies || Environment.GetEnvironmentVariable(NativeHeap.HugePagesVariable) is not null) return;
        Assert.True(NativeHeap.HugePages);
        // libtorch aligns its blocks to the page (so that it can advise them as huge pages) only when it
        // read the switch; with its default 64-byte alignment, three blocks from the heap would all land
        // on a page boundary once in 262,144 runs.
        const long Page = 4096;
        var sizes = new long[] { 1 << 20, (3 << 20) + 17, (5 << 20) + 1001 }; // 4 to 20 MB of floats
        var tensors = sizes.Select(n => empty(new[] { n }, ScalarType.Float32)).ToList();
        try
        {
            foreach (var tensor in tensors) Assert.Equal(0, (long)tensor.storage<float>().data_ptr() % Page);
        }
        finally
        {
            foreach (var tensor in tensors) tensor.Dispose();
        }
    }
}
