using System.Text.RegularExpressions;
using Speech.Core.Runtime;
using Speech.Testing;

namespace Speech.Core.Tests.Runtime;

/// <summary>The build's GLIBCXX fix, checked against binutils' readelf as the independent reader.</summary>
public sealed class ElfVersionNeedPatcherTests
{
    const string Version = NativeFixStatus.Version;

    static string PristineLibrary =>
        Path.Combine(RepositoryPaths.NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>The flags readelf prints for the version-need entry, e.g. "none" or "WEAK".</summary>
    static string ReadElfFlags(string library)
    {
        string listing = ExternalTool.Run("readelf", "-V", "-W", library);
        var match = Regex.Match(listing, $@"Name: {Regex.Escape(Version)}\s+Flags: (\S+)");
        Assert.True(match.Success, $"readelf lists no {Version} need in {library}");
        return match.Groups[1].Value;
    }

    [Fact]
    public void Marks_the_version_need_weak_once_and_keeps_the_modification_time()
    {
        using var temp = new TempDirectory();
        string copy = temp.File("libLibTorchSharp.so");
        File.Copy(PristineLibrary, copy);
        Assert.Equal("none", ReadElfFlags(copy));
        DateTime modified = File.GetLastWriteTimeUtc(copy);
        long length = new FileInfo(copy).Length;

        Assert.Equal(VersionNeedPatchResult.Patched, ElfVersionNeedPatcher.MarkWeak(copy, Version));
        Assert.Equal("WEAK", ReadElfFlags(copy));
        Assert.True(ElfVersionNeedPatcher.IsWeak(copy, Version));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(length, new FileInfo(copy).Length);

        byte[] once = File.ReadAllBytes(copy);
        Assert.Equal(VersionNeedPatchResult.AlreadyWeak, ElfVersionNeedPatcher.MarkWeak(copy, Version));
        Assert.Equal(once, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Changes_only_the_two_flag_bytes()
    {
        using var temp = new TempDirectory();
        string copy = temp.File("lib.so");
        File.Copy(PristineLibrary, copy);
        ElfVersionNeedPatcher.MarkWeak(copy, Version);
        byte[] before = File.ReadAllBytes(PristineLibrary), after = File.ReadAllBytes(copy);
        int[] differing = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Single(differing);
        Assert.Equal(before[differing[0]] | 0x2, after[differing[0]]);
    }

    [Fact]
    public void Leaves_a_library_without_that_need_untouched()
    {
        using var temp = new TempDirectory();
        string copy = temp.File("lib.so");
        File.Copy(PristineLibrary, copy);
        Assert.Equal(VersionNeedPatchResult.NotReferenced, ElfVersionNeedPatcher.MarkWeak(copy, "GLIBCXX_9.9.99"));
        Assert.Equal(File.ReadAllBytes(PristineLibrary), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_elf_naming_it()
    {
        using var temp = new TempDirectory();
        string text = temp.File("not-a-library.so");
        File.WriteAllText(text, new string('x', 200));
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(text, Version));
        Assert.Contains("not-a-library.so", error.Message);
    }

    [Fact]
    public void System_check_agrees_with_readelf_on_libstdcxx()
    {
        string library = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }.First(File.Exists);
        bool definedPerReadElf = ExternalTool.Run("readelf", "-V", "-W", library).Contains($"Name: {Version}");
        Assert.Equal(definedPerReadElf, ElfVersionNeedPatcher.SystemLibStdCxxProvides(Version));
    }

    [Fact]
    public void The_build_fixed_the_library_this_test_run_loaded()
    {
        var status = NativeFixStatus.Probe();
        bool systemHasIt = ElfVersionNeedPatcher.SystemLibStdCxxProvides(Version) == true;
        Assert.Equal(systemHasIt ? NativeFixState.NotNeeded : NativeFixState.Applied, status.State);
        if (!systemHasIt) Assert.Equal("WEAK", ReadElfFlags(status.LibraryPath!));
    }
}
