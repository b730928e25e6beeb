using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>Training metrics: one JSON object a line in <c>metrics.jsonl</c> (what <c>speech plot</c>
/// reads) and, optionally, TensorBoard event files. On resume, lines past the resumed step (logged
/// before the kill) are dropped so the log reads as one uninterrupted run.</summary>
public sealed class MetricsLog : IDisposable
{
    readonly StreamWriter writer;
    readonly SummaryWriter? tensorBoard;

    public MetricsLog(string path, long resumedStep, string? tensorBoardDirectory)
    {
        Path = path;
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        if (File.Exists(path)) TruncateAfter(path, resumedStep);
        writer = new StreamWriter(path, append: true) { AutoFlush = true };
        if (tensorBoardDirectory is not null) tensorBoard = utils.tensorboard.SummaryWriter(tensorBoardDirectory);
    }

    public string Path { get; }

    public void Write(long step, IReadOnlyDictionary<string, double> values)
    {
        var line = new JsonObject { ["step"] = step };
        foreach (var (name, value) in values) line[name] = double.IsFinite(value) ? value : null;
        writer.WriteLine(line.ToJsonString());
        if (tensorBoard is null) return;
        foreach (var (name, value) in values)
            if (double.IsFinite(value)) tensorBoard.add_scalar(name, (float)value, (int)step);
    }

    static void TruncateAfter(string path, long step)
    {
        var kept = File.ReadLines(path).Where(line =>
        {
            try { return JsonNode.Parse(line)?["step"]?.GetValue<long>() <= step; }
            catch (System.Text.Json.JsonException) { return false; } // a line torn by the kill
        }).ToList();
        File.WriteAllLines(path, kept);
    }

    public void Dispose()
    {
        writer.Dispose(); // SummaryWriter flushes each event itself and holds nothing to release
    }
}
