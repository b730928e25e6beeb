using System.CommandLine;
using Speech.Core.Data;

namespace Speech.Cli.Mvq;

/// <summary><c>--every N</c> of the mvq verbs that read a manifest: the cuts at positions 0, N, 2N, …
/// (4: the student's quarter of the training set, spread evenly), the same choice in each verb.</summary>
public sealed class MvqCutSelection
{
    public Option<int> Every { get; } = new("--every") { Description = "Use every N-th cut of the manifest (4: a quarter, spread evenly).", DefaultValueFactory = _ => 1 };

    public List<Cut> Read(ParseResult parse, string manifest)
    {
        int every = parse.GetValue(Every);
        if (every < 1) throw new Speech.Core.Errors.ConfigException($"--every {every}: must be at least 1");
        return Manifest.Read(manifest).Where((_, position) => position % every == 0).ToList();
    }
}
