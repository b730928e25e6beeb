using System.CommandLine;

namespace Speech.Cli.Hosting;

/// <summary><c>--full-projection</c> for verbs that time greedy decoding: pick each token from the
/// whole output projection instead of the exact hot-set search (<c>TopTokenSearch</c>), to compare
/// the two. The tokens are the same either way.</summary>
public static class FullProjectionOption
{
    public static Option<bool> Create() => new("--full-projection")
    {
        Description = "Compute every step's logits over the whole vocabulary (the plain path) instead of the exact hot-set search " +
                      "that bounds the tokens a model never uses; same tokens, for timing comparisons.",
    };
}
