using System.Diagnostics;
using System.Text.Json.Nodes;
using Speech.Testing;

namespace Speech.Cli.Tests.DistilWhisper;

/// <summary>A scheduler's array job played by local processes: four `pseudo-label --shard auto`
/// workers started with Slurm's (or Kubernetes') variables, two of them killed with SIGKILL midway,
/// `merge --check` naming exactly those two, a rerun of only them, and merged labels byte-identical
/// to one process labelling everything.</summary>
public sealed class ShardedLabellingSimulationTests
{
    [Theory]
    [InlineData("slurm")]
    [InlineData("kubernetes")]
    public void Four_workers_two_killed_midway_rerun_from_status_give_the_single_process_labels(string scheduler)
    {
        using var temp = new TempDirectory();
        string model = SlowRandomTeacher(temp), manifest = temp.File("train.jsonl");

        Assert.Equal(0, Speech(new(), "distil-whisper", "pseudo-label", "--teacher", model, "--manifest", manifest, "--out", temp.File("single"),
            "--shard", "0/1", "--batch-size", "1").WaitForExitCode());
        Assert.Equal(0, CliRun.Of("distil-whisper", "merge", "--manifest", manifest, "--labels", temp.File("single"), "--out", temp.File("single.jsonl")).ExitCode);

        string labels = temp.File("labels");
        var workers = Enumerable.Range(0, 4).Select(i => Speech(Environment(scheduler, i, rerun: false), "distil-whisper", "pseudo-label",
            "--teacher", model, "--manifest", manifest, "--out", labels, "--shard", "auto", "--batch-size", "1", "--threads", "1")).ToList();
        // Midway: each victim is killed as soon as its shard has written a label (and before its done
        // marker). Both are watched in one loop: waiting for one in turn let the other finish first.
        var victims = new HashSet<int> { 1, 3 };
        var waited = Stopwatch.StartNew();
        while (victims.Count > 0 && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            foreach (int victim in victims.ToList())
            {
                string file = Path.Combine(labels, $"labels.{victim}-of-4.jsonl");
                Assert.False(workers[victim].HasExited, $"shard {victim} finished before it could be killed");
                if (!File.Exists(file) || File.ReadAllLines(file).Length < 1) continue;
                workers[victim].Kill(); // SIGKILL
                workers[victim].WaitForExit();
                victims.Remove(victim);
            }
            Thread.Sleep(2);
        }
        Assert.Empty(victims);
        foreach (int survivor in new[] { 0, 2 }) Assert.Equal(0, workers[survivor].WaitForExitCode());

        var status = CliRun.Of("distil-whisper", "merge", "--labels", labels, "--check");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("finished: 0,2", status.Output);
        Assert.Contains("partial: 1,3", status.Output);
        Assert.Contains("missing: none", status.Output);
        Assert.Contains("sbatch --array=1,3 --export=ALL,SPEECH_NUM_SHARDS=4", status.Output);
        var refused = CliRun.Of("distil-whisper", "merge", "--manifest", manifest, "--labels", labels, "--out", temp.File("early.jsonl"));
        Assert.Equal(1, refused.ExitCode);

        // Rerun only what the status names (Slurm: --array=1,3 with the count exported).
        foreach (int shard in new[] { 1, 3 })
            Assert.Equal(0, Speech(Environment(scheduler, shard, rerun: true), "distil-whisper", "pseudo-label", "--teacher", model,
                "--manifest", manifest, "--out", labels, "--shard", "auto", "--batch-size", "1", "--threads", "1").WaitForExitCode());
        Assert.Equal(0, CliRun.Of("distil-whisper", "merge", "--labels", labels, "--check").ExitCode);
        Assert.Equal(0, CliRun.Of("distil-whisper", "merge", "--manifest", manifest, "--labels", labels, "--out", temp.File("sharded.jsonl")).ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("single.jsonl")), File.ReadAllBytes(temp.File("sharded.jsonl")));
    }

    /// <summary>What the scheduler sets for shard <paramref name="index"/> of 4: Slurm's array of 0-3,
    /// or for a rerun its array of 1,3 with SPEECH_NUM_SHARDS exported; Kubernetes' completion index
    /// with SPEECH_NUM_SHARDS (the Job manifest sets it).</summary>
    static Dictionary<string, string> Environment(string scheduler, int index, bool rerun) => scheduler == "slurm"
        ? rerun
            ? new() { ["SLURM_ARRAY_TASK_ID"] = $"{index}", ["SLURM_ARRAY_TASK_COUNT"] = "2", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_MAX"] = "3", ["SPEECH_NUM_SHARDS"] = "4" }
            : new() { ["SLURM_ARRAY_TASK_ID"] = $"{index}", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "3" }
        : new() { ["JOB_COMPLETION_INDEX"] = $"{index}", ["SPEECH_NUM_SHARDS"] = "4" };

    /// <summary>A random two-layer Whisper (trained one step) over 40 of the mini corpus' training cuts: it
    /// never says its end token, so each cut decodes to the 48-token limit and a shard takes a second or more.</summary>
    static string SlowRandomTeacher(TempDirectory temp)
    {
        var config = new JsonObject
        {
            ["vocab_size"] = 51864, ["num_mel_bins"] = 80, ["d_model"] = 128, ["encoder_layers"] = 1, ["decoder_layers"] = 2,
            ["encoder_attention_heads"] = 2, ["decoder_attention_heads"] = 2, ["encoder_ffn_dim"] = 256, ["decoder_ffn_dim"] = 256,
            ["max_source_positions"] = 200, ["max_target_positions"] = 48,
        };
        File.WriteAllText(temp.File("teacher.json"), config.ToJsonString());
        Assert.Equal(0, CliRun.Of("data", "import", "librispeech", Path.Combine(MiniCorpus.Root, "train"), "--out", temp.File("all.jsonl")).ExitCode);
        File.WriteAllLines(temp.File("train.jsonl"), File.ReadLines(temp.File("all.jsonl")).Take(40)); // ten cuts a shard
        var train = CliRun.Of("whisper", "train", "--manifest", temp.File("train.jsonl"), "--out", temp.File("run"), "--size", temp.File("teacher.json"),
            "--steps", "1", "--warmup", "1", "--max-duration", "8", "--checkpoint-every", "0");
        Assert.True(train.ExitCode == 0, train.Error);
        return temp.File("run/model");
    }

    /// <summary>Starts the CLI (speech.dll beside the tests) as its own process, as a scheduler would.</summary>
    static Worker Speech(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "speech.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (string name in global::Speech.Core.Data.SchedulerShard.Variables) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet speech.dll");
        var worker = new Worker(process, new System.Text.StringBuilder());
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (worker.Errors) worker.Errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    sealed record Worker(Process Process, System.Text.StringBuilder Errors)
    {
        public bool HasExited => Process.HasExited;

        public void Kill() => Process.Kill();

        public void WaitForExit() => Process.WaitForExit();

        /// <summary>Waits and returns the exit code; a failure shows what the worker wrote to stderr.</summary>
        public int WaitForExitCode()
        {
            Process.WaitForExit();
            if (Process.ExitCode != 0) lock (Errors) Assert.Fail($"worker exited {Process.ExitCode}: {Errors}");
            return Process.ExitCode;
        }
    }
}
