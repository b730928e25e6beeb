using System.CommandLine;
using Speech.Cli.Audio;
using Speech.Cli.Data;
using Speech.Cli.Doctor;
using Speech.Cli.Features;
using Speech.Cli.Hosting;
using Speech.Cli.Plot;
using Speech.Cli.Score;
using Speech.Cli.Text;

namespace Speech.Cli;

/// <summary>The <c>speech</c> command tree. Verbs are thin: parse options, call a library, print.</summary>
public static class SpeechCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "speech: knowledge distillation for speech and audio models on TorchSharp.\n" +
            "Recipes: Whisper and Distil-Whisper (whisper, distil-whisper), CTC (asr), audio captioning (caption), speaker verification (sv).");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(DoctorCommand.Build());
        root.Subcommands.Add(AudioCommand.Build());
        root.Subcommands.Add(FeaturesCommand.Build());
        root.Subcommands.Add(DataCommand.Build());
        root.Subcommands.Add(TextCommand.Build());
        root.Subcommands.Add(ScoreCommand.Build());
        root.Subcommands.Add(PlotCommand.Build());
        RecipeCommands.AddTo(root);
        return root;
    }

    /// <summary>Runs one command line. Exit codes: 0 success, 1 bad input or configuration (one
    /// line), 2 internal error (stack trace only with --verbose).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot().Parse(args);
        // Every parse error, `speech` alone included, is handled here: left to System.CommandLine, a
        // bare `speech` printed the whole help and the error without its "error:" and hint.
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors) error.WriteLine($"error: {problem.Message}");
            error.WriteLine("run `speech --help` (or `speech <command> --help`) for usage");
            return CommandErrors.BadInput;
        }
        var invocation = new System.CommandLine.InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        return CommandErrors.Guard(error, parse.GetValue(GlobalOptions.Verbose), () => parse.Invoke(invocation));
    }
}
