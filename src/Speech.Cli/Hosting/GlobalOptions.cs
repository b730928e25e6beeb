using System.CommandLine;

namespace Speech.Cli.Hosting;

/// <summary>Options every verb understands (they are recursive: valid after any subcommand).</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print details while working, and the stack trace when an error occurs.",
        Recursive = true,
    };

    public static readonly Option<string> Device = new("--device")
    {
        Description = "Where tensors live: auto (CUDA when available, else CPU), cpu, cuda or cuda:N.",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
    };

    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "CPU threads for libtorch (default: libtorch's own choice, usually the core count).",
        Recursive = true,
    };

    /// <summary>Adds the shared options to the root, and --version printing the toolkit's version.</summary>
    /// <summary>One seed for whatever a verb draws at random (initialisation, shuffling, dropout,
    /// synthesised corpora, corrupted labels), with one default: a rerun repeats the run.</summary>
    public static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of everything the verb draws at random (initialisation, shuffling, dropout, synthesis, corruption).",
        DefaultValueFactory = _ => DefaultSeed,
        Recursive = true,
    };

    public const int DefaultSeed = 1234;

    /// <summary>Adds the shared options to the root, and --version printing the toolkit's version.</summary>
    public static void AddTo(RootCommand root)
    {
        PrintVersionAction.Install(root);
        root.Options.Add(Verbose);
        root.Options.Add(Device);
        root.Options.Add(Threads);
        root.Options.Add(Seed);
    }

    /// <summary>Applies --threads to libtorch before any work.</summary>
    public static void ApplyThreads(ParseResult parse)
    {
        int? threads = parse.GetValue(Threads);
        if (threads is > 0) TorchSharp.torch.set_num_threads(threads.Value);
    }
}
