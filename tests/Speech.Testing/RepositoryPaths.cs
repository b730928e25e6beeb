namespace Speech.Testing;

/// <summary>Paths inside this repository and the NuGet package cache, found from the test's
/// output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Speech.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Speech.sln not found above " + AppContext.BaseDirectory);
    }
}
