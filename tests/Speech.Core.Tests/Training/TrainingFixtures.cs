using System.Text.Json.Nodes;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Training;

/// <summary>A batch of the toy regression task: inputs [B, 4], targets [B, 1].</summary>
public sealed record RegressionBatch(Tensor Inputs, Tensor Targets) : IDisposable
{
    public void Dispose() { Inputs.Dispose(); Targets.Dispose(); }
}

/// <summary>Endless seeded batches of y = x·w* + noise; batch i depends only on (seed, i), so the
/// position is the whole state.</summary>
public sealed class RegressionSource(int seed, int batchSize = 8, int batchesPerEpoch = 16) : IBatchSource<RegressionBatch>
{
    long position;

    public int Epoch => (int)(position / batchesPerEpoch);

    public RegressionBatch Next()
    {
        var random = new Random(seed * 1_000_003 + (int)position++);
        var x = new float[batchSize * 4];
        var y = new float[batchSize];
        for (int b = 0; b < batchSize; b++)
        {
            for (int j = 0; j < 4; j++) x[b * 4 + j] = (float)(random.NextDouble() * 2 - 1);
            y[b] = x[b * 4] - 2 * x[b * 4 + 1] + 0.5f * x[b * 4 + 2] + 0.01f * (float)random.NextDouble();
        }
        return new RegressionBatch(tensor(x, new long[] { batchSize, 4 }), tensor(y, new long[] { batchSize, 1 }));
    }

    public JsonNode SaveState() => new JsonObject { ["position"] = position };

    public void RestoreState(JsonNode state) => position = state["position"]!.GetValue<long>();
}

/// <summary>MSE of a small MLP with dropout (so the run depends on libtorch's RNG too); can be told
/// to return NaN on chosen steps.</summary>
public sealed class RegressionObjective(nn.Module<Tensor, Tensor> model, ISet<int>? nanCalls = null) : IObjective<RegressionBatch>
{
    int calls;

    public IReadOnlyList<LossTerm> Compute(RegressionBatch batch)
    {
        calls++;
        var prediction = model.forward(batch.Inputs.to(model.parameters().First().dtype));
        var loss = nn.functional.mse_loss(prediction.to(ScalarType.Float32), batch.Targets);
        if (nanCalls?.Contains(calls) == true)
        {
            using var nan = float.NaN.ToScalar();
            loss = loss.mul(nan);
        }
        return new[] { new LossTerm("mse", loss) };
    }
}

public static class TrainingFixtures
{
    public static nn.Module<Tensor, Tensor> Model(int seed)
    {
        manual_seed(seed);
        return nn.Sequential(nn.Linear(4, 16), nn.LayerNorm(16), nn.GELU(), nn.Dropout(0.1), nn.Linear(16, 1));
    }

    public static TrainerOptions Options(string directory, long steps) => new()
    {
        OutputDirectory = directory, MaxSteps = steps, LearningRate = 1e-2, WarmupSteps = 3, WeightDecay = 0.01,
        CheckpointEvery = 5, KeepLast = 2, LogEvery = 5, TensorBoard = false, Seed = 7,
    };

    public static Dictionary<string, float[]> Weights(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.to(ScalarType.Float32).data<float>().ToArray());
}
