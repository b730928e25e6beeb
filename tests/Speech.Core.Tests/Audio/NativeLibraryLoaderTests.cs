using Speech.Core.Audio;
using Speech.Core.Errors;

namespace Speech.Core.Tests.Audio;

/// <summary>A native library that does not load is one line naming the Debian package to install.</summary>
public sealed class NativeLibraryLoaderTests
{
    [Fact]
    public void A_missing_library_names_its_debian_package()
    {
        var missing = new NativeAudioLibrary("libnothere", "libnothere.so.7", "libnothere7", "testing", Required: true, "nothere_version");

        var error = Assert.Throws<NativeLibraryException>(() => NativeLibraryLoader.Ensure(missing));

        Assert.Contains("libnothere.so.7", error.Message);
        Assert.Contains("apt-get install libnothere7", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_installed_libraries_load() =>
        Assert.True(NativeLibraryLoader.IsAvailable(NativeAudioLibrary.SndFile) && SoxrResampler.IsAvailable);
}
