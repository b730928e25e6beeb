// Marks one symbol-version requirement of an ELF64 shared library WEAK, so the dynamic loader
// accepts a system library that lacks that version. Used at build time on the copy of
// libLibTorchSharp.so in build/publish output (never on the NuGet cache): TorchSharp 0.107 asks
// for GLIBCXX_3.4.32 only for an unrelocated reference to std::ios_base_library_init, which
// older libstdc++ (Debian 12, Ubuntu 22.04) lack.
// Written against netstandard2.0 (what MSBuild inline tasks compile with).
// Compiled twice: as an MSBuild inline task (build/NativeFix.targets) and, with
// SPEECH_NO_MSBUILD_TASK defined, into the tests that check it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

internal enum VersionNeedPatchResult { Patched, AlreadyWeak, NotReferenced }

internal static class ElfVersionNeedPatcher
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;

    /// <summary>Sets VER_FLG_WEAK on every version-need entry named <paramref name="version"/>.
    /// The file is rewritten through a temporary copy and rename (never edited in place, so a
    /// hard link into a package cache is not touched) and keeps its modification time, so an
    /// incremental copy from the package cache sees it as unchanged.</summary>
    public static VersionNeedPatchResult MarkWeak(string path, string version)
    {
        byte[] image = File.ReadAllBytes(path);
        List<int> flagOffsets = FindVersionNeedFlagOffsets(image, version, path);
        if (flagOffsets.Count == 0) return VersionNeedPatchResult.NotReferenced;

        bool changed = false;
        foreach (int offset in flagOffsets)
        {
            ushort flags = BitConverter.ToUInt16(image, offset);
            if ((flags & VerFlagWeak) != 0) continue;
            BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(image, offset);
            changed = true;
        }
        if (!changed) return VersionNeedPatchResult.AlreadyWeak;

        DateTime modified = File.GetLastWriteTimeUtc(path);
        string temporary = path + ".weak-tmp";
        File.Copy(path, temporary, overwrite: true); // keeps the file mode
        File.WriteAllBytes(temporary, image);
        File.Replace(temporary, path, destinationBackupFileName: null);
        File.SetLastWriteTimeUtc(path, modified);
        return VersionNeedPatchResult.Patched;
    }

    /// <summary>True when every version-need entry named <paramref name="version"/> is WEAK
    /// (false when there is none).</summary>
    public static bool IsWeak(string path, string version)
    {
        byte[] image = File.ReadAllBytes(path);
        List<int> offsets = FindVersionNeedFlagOffsets(image, version, path);
        return offsets.Count > 0 && offsets.TrueForAll(o => (BitConverter.ToUInt16(image, o) & VerFlagWeak) != 0);
    }

    /// <summary>File offsets of the vna_flags fields of the version-need entries named
    /// <paramref name="version"/>.</summary>
    public static List<int> FindVersionNeedFlagOffsets(byte[] image, string version, string path)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new InvalidDataException($"{path}: not an ELF file");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"{path}: only little-endian ELF64 is supported");

        long sectionTable = (long)BitConverter.ToUInt64(image, 0x28);
        int sectionSize = BitConverter.ToUInt16(image, 0x3A);
        int sectionCount = BitConverter.ToUInt16(image, 0x3C);
        var found = new List<int>();
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)(sectionTable + (long)i * sectionSize));
            if (BitConverter.ToUInt32(image, header + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)BitConverter.ToUInt64(image, header + 0x18));
            int link = (int)BitConverter.ToUInt32(image, header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(image, header + 0x2C);
            int strings = checked((int)BitConverter.ToUInt64(image, checked((int)(sectionTable + (long)link * sectionSize)) + 0x18));

            int need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(image, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(image, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(image, aux + 8);
                    if (ReadCString(image, name) == version) found.Add(aux + 4);
                    aux += (int)BitConverter.ToUInt32(image, aux + 12);
                }
                uint next = BitConverter.ToUInt32(image, need + 12);
                if (next == 0) break;
                need += (int)next;
            }
        }
        return found;
    }

    /// <summary>True when the libstdc++ the loader would pick defines <paramref name="version"/>;
    /// null when no libstdc++.so.6 is found in the usual places.</summary>
    public static bool? SystemLibStdCxxProvides(string version)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        foreach (string candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
        }
        return null;
    }

    static string ReadCString(byte[] image, int start)
    {
        int end = start;
        while (end < image.Length && image[end] != 0) end++;
        return Encoding.ASCII.GetString(image, start, end - start);
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}

#if !SPEECH_NO_MSBUILD_TASK
/// <summary>MSBuild task: marks GLIBCXX_3.4.32 WEAK in the given copies of libLibTorchSharp.so
/// when the system libstdc++ lacks it. Logs once per file it changes; silent otherwise.</summary>
public class MarkLibStdCxxVersionWeak : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    public string Version { get; set; } = "GLIBCXX_3.4.32";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Files.Length == 0) return true;
        bool? provided = ElfVersionNeedPatcher.SystemLibStdCxxProvides(Version);
        if (provided == true) return true;
        foreach (var item in Files)
        {
            string path = item.ItemSpec;
            try
            {
                var result = ElfVersionNeedPatcher.MarkWeak(path, Version);
                if (result == VersionNeedPatchResult.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"native fix: marked {Version} WEAK in {path} (system libstdc++ lacks it)");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"native fix: cannot patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }
}
#endif
