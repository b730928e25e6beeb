using Speech.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Runtime;

/// <summary>libtorch loads and trains: a broken native load fails here, not in a recipe.</summary>
public sealed class TorchSmokeTests
{
    [Fact]
    public void Creates_a_tensor_and_computes_a_known_product()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var product = a.matmul(a); // [[7,10],[15,22]]
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Two_training_steps_of_a_tiny_model_lower_the_loss()
    {
        using var scope = NewDisposeScope();
        manual_seed(1234);
        var model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1));
        // A smoke test of TorchSharp's own training loop, hidden Scalars and all (SPEECH001): two steps.
#pragma warning disable SPEECH001
        var optimizer = optim.SGD(model.parameters(), learningRate: 0.05);
#pragma warning restore SPEECH001
        var inputs = randn(32, 4);
        var targets = inputs.sum(1, keepdim: true); // y = x1 + x2 + x3 + x4

        var losses = new List<float>();
        for (int step = 0; step < 3; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.call(inputs), targets);
            losses.Add(loss.item<float>());
#pragma warning disable SPEECH001 // see above
            if (step < 2) { loss.backward(); optimizer.step(); }
#pragma warning restore SPEECH001
        }
        Assert.True(losses[2] < losses[1] && losses[1] < losses[0], $"loss did not fall: {string.Join(", ", losses)}");
    }

    [Fact]
    public void Runtime_reports_libtorch_2_10()
    {
        var info = TorchRuntimeInfo.Probe();
        Assert.StartsWith("2.10", info.LibTorchVersion);
        Assert.Equal("0.107.0", info.TorchSharpVersion);
        Assert.True(info.Threads >= 1);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    public void Cpu_device_resolves_everywhere(string choice) =>
        Assert.Equal(DeviceType.CPU, DeviceChoice.Resolve(choice).type);

    [Fact]
    public void Auto_device_follows_cuda_availability() =>
        Assert.Equal(cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, DeviceChoice.Resolve("auto").type);

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    public void Unknown_or_malformed_device_is_a_config_error(string choice)
    {
        if (choice.StartsWith("cuda") && !cuda.is_available())
        {
            var unavailable = Assert.Throws<Speech.Core.Errors.ConfigException>(() => DeviceChoice.Resolve(choice));
            Assert.Contains("CUDA is not available", unavailable.Message);
            return;
        }
        var error = Assert.Throws<Speech.Core.Errors.ConfigException>(() => DeviceChoice.Resolve(choice));
        Assert.Contains(choice, error.Message);
    }
}
