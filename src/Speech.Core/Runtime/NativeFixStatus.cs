namespace Speech.Core.Runtime;

public enum NativeFixState
{
    /// <summary>The system libstdc++ provides the version (or this is not Linux).</summary>
    NotNeeded,
    /// <summary>The loaded libLibTorchSharp.so has the version-need marked WEAK.</summary>
    Applied,
    /// <summary>The system lacks the version and the library was not patched: it will not load.</summary>
    Missing,
    /// <summary>No libLibTorchSharp.so beside TorchSharp.dll.</summary>
    LibraryNotFound,
}

/// <summary>The state of the build's GLIBCXX_3.4.32 fix (build/NativeFix.targets) for the
/// libLibTorchSharp.so this process would load.</summary>
public sealed record NativeFixStatus(NativeFixState State, string? LibraryPath)
{
    public const string Version = "GLIBCXX_3.4.32";

    public static NativeFixStatus Probe()
    {
        string? library = LocateLibTorchSharp();
        if (!OperatingSystem.IsLinux()) return new(NativeFixState.NotNeeded, library);
        if (library is null) return new(NativeFixState.LibraryNotFound, null);
        if (ElfVersionNeedPatcher.SystemLibStdCxxProvides(Version) == true) return new(NativeFixState.NotNeeded, library);
        return new(ElfVersionNeedPatcher.IsWeak(library, Version) ? NativeFixState.Applied : NativeFixState.Missing, library);
    }

    public string Describe() => State switch
    {
        NativeFixState.NotNeeded => $"not needed (system libstdc++ provides {Version})",
        NativeFixState.Applied => $"applied ({Version} marked weak in {LibraryPath})",
        NativeFixState.Missing => $"missing: {LibraryPath} needs {Version}, which the system libstdc++ lacks; rebuild with `dotnet build` so the fix runs",
        _ => "libLibTorchSharp.so not found beside TorchSharp.dll (is the libtorch backend package referenced?)",
    };

    /// <summary>Where the runtime loads libLibTorchSharp.so from: beside TorchSharp.dll in
    /// RID-specific (publish) output, under runtimes/&lt;rid&gt;/native otherwise.</summary>
    static string? LocateLibTorchSharp()
    {
        string? directory = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (string.IsNullOrEmpty(directory)) directory = AppContext.BaseDirectory;
        string[] candidates =
        {
            Path.Combine(directory, "libLibTorchSharp.so"),
            Path.Combine(directory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(directory, "runtimes", "linux-arm64", "native", "libLibTorchSharp.so"),
        };
        return candidates.FirstOrDefault(File.Exists);
    }
}
