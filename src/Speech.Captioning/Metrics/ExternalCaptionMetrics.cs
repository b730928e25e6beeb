namespace Speech.Captioning.Metrics;

/// <summary>Whether METEOR and SPICE could run: they are Java programs (meteor-1.5.jar, spice-1.0.jar
/// from the COCO caption evaluation code) and need a Java runtime plus the jars. This toolkit does
/// not compute them itself; <see cref="Probe"/> says what is missing so the report can state it.</summary>
public static class ExternalCaptionMetrics
{
    public const string MeteorJar = "meteor-1.5.jar";
    public const string SpiceJar = "spice-1.0.jar";

    /// <summary>The reason METEOR/SPICE are unavailable on this machine.</summary>
    /// <param name="jarFolder">Where the jars would be (null: none given).</param>
    public static string Probe(string? jarFolder)
    {
        bool java = FindOnPath("java") is not null;
        var missing = new List<string>();
        if (!java) missing.Add("no Java runtime on PATH");
        if (jarFolder is null) missing.Add($"no folder with {MeteorJar}/{SpiceJar} given");
        else
            foreach (string jar in new[] { MeteorJar, SpiceJar })
                if (!File.Exists(Path.Combine(jarFolder, jar))) missing.Add($"{jar} not in {jarFolder}");
        if (missing.Count == 0) missing.Add("running the METEOR/SPICE jars is not implemented in this toolkit");
        return "METEOR, SPICE and SPIDEr unavailable: " + string.Join("; ", missing);
    }

    static string? FindOnPath(string program)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
