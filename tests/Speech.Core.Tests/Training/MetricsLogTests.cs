using Speech.Core.Training;
using Speech.Testing;
using static Speech.Core.Tests.Training.TrainingFixtures;

namespace Speech.Core.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class MetricsLogTests
{
    [Fact]
    public void A_run_writes_jsonl_metrics_and_tensorboard_events()
    {
        using var temp = new TempDirectory();
        using var model = Model(1);
        var options = Options(temp.Path, 10) with { TensorBoard = true, LogEvery = 2, CheckpointEvery = 0 };
        new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(3), options).Run();

        var lines = File.ReadAllLines(temp.File("metrics.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal(new long[] { 1, 2, 4, 6, 8, 10 }, lines.Select(l => l["step"]!.GetValue<long>()));
        foreach (string key in new[] { "loss", "mse", "lr", "grad_norm", "skipped", "steps_per_s", "epoch" })
            Assert.NotNull(lines[^1][key]);
        // lr at step 2 of a 3-step warm-up: 1e-2 x 2/3.
        Assert.Equal(1e-2 * 2 / 3, lines[1]["lr"]!.GetValue<double>(), 9);

        // A TensorBoard event file: TFRecord framing, the first record is the file-version event.
        string events = Directory.GetFiles(temp.File("tensorboard"), "events.out.tfevents.*", SearchOption.AllDirectories).Single();
        byte[] bytes = File.ReadAllBytes(events);
        long firstLength = BitConverter.ToInt64(bytes, 0);
        Assert.True(firstLength > 0 && firstLength < bytes.Length);
        Assert.Contains("brain.Event", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.True(bytes.Length > 6 * 7 * 20, "expected scalar events for every logged step");
    }
}
