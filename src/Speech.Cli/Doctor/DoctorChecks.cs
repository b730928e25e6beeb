using System.Runtime.InteropServices;
using Speech.Core.Audio;
using Speech.Core.Errors;
using Speech.Core.Runtime;
using TorchSharp;

namespace Speech.Cli.Doctor;

/// <summary>Gathers the facts <c>speech doctor</c> prints: runtime versions, devices, threads,
/// the native-library fix and the audio libraries, plus a tiny libtorch computation.</summary>
public static class DoctorChecks
{
    public static IReadOnlyList<DoctorCheck> Run(string deviceChoice)
    {
        var checks = new List<DoctorCheck>
        {
            new("speech", Hosting.PrintVersionAction.Version),
            new(".NET", $"{Environment.Version} ({RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.OSDescription})"),
        };

        NativeFixStatus fix = NativeFixStatus.Probe();
        checks.Add(new("native fix", fix.Describe(),
            fix.State is NativeFixState.Missing or NativeFixState.LibraryNotFound ? CheckLevel.Failure : CheckLevel.Ok,
            fix.State is NativeFixState.Missing or NativeFixState.LibraryNotFound ? $"native fix: {fix.Describe()}" : null));

        checks.Add(new("native heap", NativeHeap.Tuned
            ? $"mmap threshold fixed at {NativeHeap.ThresholdBytes >> 20} MB (tensors reuse heap blocks instead of fresh mappings)"
            : $"default ({NativeHeap.NotTunedBecause})",
            NativeHeap.Tuned || !OperatingSystem.IsLinux() ? CheckLevel.Ok : CheckLevel.Warning,
            NativeHeap.Tuned || !OperatingSystem.IsLinux() ? null : "CPU training may spend much of its time in page faults; MALLOC_MMAP_THRESHOLD_=33554432 fixes it"));
        if (OperatingSystem.IsLinux())
        {
            var mode = NativeHeap.KernelHugePageMode();
            bool served = NativeHeap.HugePages && mode is "always" or "madvise";
            checks.Add(new("huge pages", $"libtorch {(NativeHeap.HugePages ? "asks for" : "does not ask for")} transparent huge pages for tensors of 2 MB and more ({NativeHeap.HugePagesVariable}); the kernel's mode: {mode ?? "unknown"}",
                served ? CheckLevel.Ok : CheckLevel.Warning,
                served ? null : "big tensors (a batch's vocabulary logits) fault in 4 KB at a time: remove THP_MEM_ALLOC_ENABLE=0 from the environment, or set /sys/kernel/mm/transparent_hugepage/enabled to madvise"));
        }
        checks.AddRange(TorchChecks(deviceChoice));

        foreach (var library in NativeAudioLibrary.All)
        {
            string? version = library.ProbeVersion();
            checks.Add(version is not null
                ? new DoctorCheck(library.Name, $"{version} ({library.Purpose})")
                : new DoctorCheck(library.Name, $"not found ({library.FileName}; {library.Purpose})",
                    library.Required ? CheckLevel.Failure : CheckLevel.Warning,
                    $"{library.FileName} is missing: install it with `apt-get install {library.DebianPackage}`"));
        }
        return checks;
    }

    static IEnumerable<DoctorCheck> TorchChecks(string deviceChoice)
    {
        TorchRuntimeInfo info;
        try
        {
            info = TorchRuntimeInfo.Probe();
        }
        catch (NativeLibraryException e)
        {
            return new[] { new DoctorCheck("libtorch", "does not load", CheckLevel.Failure, e.Message) };
        }

        var checks = new List<DoctorCheck>
        {
            new("TorchSharp", info.TorchSharpVersion),
            new("libtorch", info.LibTorchVersion),
            new("CUDA", info.CudaAvailable ? $"{info.CudaDevices} device(s)" : "not available (CPU build or no GPU)"),
            new("threads", $"{info.Threads} libtorch threads, {Environment.ProcessorCount} logical cores"),
            new("bf16", info.CpuHasBf16 ? "CPU has native bf16 (AVX-512 BF16/AMX): the fast path" : "this CPU lacks native bf16 (no AVX-512 BF16/AMX): libtorch emulates it, many times slower than fp32 (27x for a training step on an AVX2 EPYC); --precision auto picks fp32 here"),
        };
        try
        {
            torch.Device device = DeviceChoice.Resolve(deviceChoice);
            checks.Add(new("device", $"{deviceChoice} -> {device}"));
            checks.Add(ComputeCheck(device));
        }
        catch (ConfigException e)
        {
            checks.Add(new("device", deviceChoice, CheckLevel.Failure, e.Message));
        }
        return checks;
    }

    /// <summary>[[1,2],[3,4]] @ [[1,2],[3,4]] = [[7,10],[15,22]], whose sum is 54.</summary>
    static DoctorCheck ComputeCheck(torch.Device device)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, device: device);
        float sum = a.matmul(a).sum().cpu().item<float>();
        return sum == 54f
            ? new DoctorCheck("compute", $"matmul on {device} ok")
            : new DoctorCheck("compute", $"matmul on {device} gave {sum}, expected 54", CheckLevel.Failure,
                $"libtorch computed a wrong result on {device}");
    }
}
