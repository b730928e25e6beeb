using System.Diagnostics;
using Speech.Testing;

namespace Speech.Cli.Tests.Recipes;

/// <summary>The recipes' run.sh as a newcomer meets them, in seconds: a stand-in <c>dotnet</c> first on
/// PATH either fails its build (the build's output must reach the user) or does nothing (a smoke
/// run with <c>--stage</c> past the end still says it is one, at the start and the end, labels its
/// table and names what it wrote).</summary>
public sealed class RecipeScriptTests : IDisposable
{
    readonly TempDirectory folder = new("speech-recipes");

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, string> Recipes => new()
    {
        { "recipes/mini/ctc/run.sh", "" },
        { "recipes/librispeech/distil_whisper/run.sh", "" },
        { "recipes/mini/distil_whisper/run.sh", "--train-teacher" },
        { "recipes/mini/bert_ctc/run.sh", "" },
    };

    sealed record ScriptRun(int ExitCode, string Output, string Error);

    /// <summary>Runs a recipe with <paramref name="dotnetBody"/> as the shell body of the <c>dotnet</c> it finds.</summary>
    ScriptRun Run(string script, string dotnetBody, params string[] arguments)
    {
        string bin = folder.File("bin");
        Directory.CreateDirectory(bin);
        string dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, $"#!/bin/sh\n{dotnetBody}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (string argument in arguments.Where(a => a.Length > 0)) start.ArgumentList.Add(argument);
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ScriptRun(process.ExitCode, output, error.Result);
    }

    [Theory, MemberData(nameof(Recipes))]
    public void A_failed_build_shows_its_output(string script, string extra)
    {
        var run = Run(script, "echo 'src/Speech.Cli/Broken.cs(3,5): error CS1002: ; expected'; exit 1",
                      "--smoke", extra, "--exp", folder.File("exp"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Broken.cs(3,5): error CS1002: ; expected", run.Error);
        Assert.EndsWith("error: building the speech CLI failed (output above)", run.Error.TrimEnd());
    }

    [Theory, MemberData(nameof(Recipes))]
    public void A_smoke_run_says_so_first_and_last_and_names_what_it_wrote(string script, string extra)
    {
        string exp = folder.File("exp");
        Directory.CreateDirectory(exp);
        File.WriteAllText(Path.Combine(exp, "results.tsv"), "set\twer\ntest\t2683.64\n");
        File.WriteAllBytes(Path.Combine(exp, "student_curves.png"), []);

        var run = Run(script, "exit 0", "--smoke", extra, "--exp", exp, "--stage", "99");

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.TrimEnd().Split('\n');
        Assert.StartsWith("SMOKE RUN: a plumbing check of every stage", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("SMOKE RUN finished"));
        Assert.Contains($"{exp}/results.tsv", string.Join('\n', lines[^2..]));
        Assert.Contains(".png", string.Join('\n', lines[^2..]));
        Assert.Contains("2683.64", run.Output);
    }

    [Theory]
    [InlineData("recipes/mini/ctc/run.sh")]
    [InlineData("recipes/librispeech/distil_whisper/run.sh")]
    [InlineData("recipes/mini/mvq_kd/run.sh")]
    [InlineData("recipes/librispeech/mvq_kd/run.sh")]
    public void The_last_line_names_the_table_the_plots_and_the_models_and_smoke_tables_are_labelled(string script)
    {
        string exp = folder.File("exp");
        Directory.CreateDirectory(exp);
        File.WriteAllText(Path.Combine(exp, "results.tsv"), "set\twer\ntest\t2683.64\n");

        var smoke = Run(script, "exit 0", "--smoke", "--exp", exp, "--stage", "99");

        string last = smoke.Output.TrimEnd().Split('\n')[^1];
        Assert.Matches($"^done \\(.+ in {exp}\\)\\. results: {exp}/results.tsv; plots: {exp}/[a-z_]+\\.png; models?: .*{exp}/", last);
        Assert.Contains($"== {exp}/results.tsv (SMOKE RUN: a plumbing check, not results)", smoke.Output);
    }
}
