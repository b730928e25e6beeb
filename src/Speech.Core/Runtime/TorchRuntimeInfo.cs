using System.Reflection;
using Speech.Core.Errors;
using TorchSharp;

namespace Speech.Core.Runtime;

/// <summary>What the loaded TorchSharp/libtorch stack is and can do, for <c>speech doctor</c> and
/// run logs.</summary>
public sealed record TorchRuntimeInfo(
    string TorchSharpVersion,
    string LibTorchVersion,
    int Threads,
    bool CudaAvailable,
    int CudaDevices,
    bool CpuHasBf16)
{
    /// <summary>Loads libtorch (if not yet loaded) and reads its facts. A load failure becomes a
    /// <see cref="NativeLibraryException"/> with the first line of TorchSharp's diagnosis.</summary>
    public static TorchRuntimeInfo Probe()
    {
        try
        {
            string managed = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                             ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
            int plus = managed.IndexOf('+');
            if (plus > 0) managed = managed[..plus];
            bool cuda = torch.cuda.is_available();
            return new TorchRuntimeInfo(managed, torch.__version__, torch.get_num_threads(), cuda,
                cuda ? torch.cuda.device_count() : 0, CpuFlags.NativeBf16);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            Exception root = e;
            while (root.InnerException is not null) root = root.InnerException;
            string first = root.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? root.GetType().Name;
            throw new NativeLibraryException($"libtorch failed to load: {first.Trim()}", e);
        }
    }
}
