using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>Checks once per library that a native audio library loads, so a missing one is one
/// clear line naming its Debian package instead of a DllNotFoundException from deep inside.</summary>
internal static class NativeLibraryLoader
{
    static readonly ConcurrentDictionary<string, bool> Loaded = new();

    public static bool IsAvailable(NativeAudioLibrary library) =>
        Loaded.GetOrAdd(library.FileName, name => NativeLibrary.TryLoad(name, out _));

    public static void Ensure(NativeAudioLibrary library)
    {
        if (!IsAvailable(library))
            throw new NativeLibraryException(
                $"{library.FileName} not found: {library.Purpose} needs it; install it with `sudo apt-get install {library.DebianPackage}`");
    }
}
