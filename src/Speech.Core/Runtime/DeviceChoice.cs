using Speech.Core.Errors;
using TorchSharp;

namespace Speech.Core.Runtime;

/// <summary>The <c>--device auto|cpu|cuda</c> choice, resolved to a TorchSharp device. Code takes
/// the resolved device and never assumes CPU.</summary>
public static class DeviceChoice
{
    public static readonly string[] Names = { "auto", "cpu", "cuda" };

    /// <summary>auto: CUDA when available, else CPU. cuda or cuda:N: that GPU, or a clear error
    /// when this build or machine has none.</summary>
    public static torch.Device Resolve(string choice)
    {
        string name = choice.Trim().ToLowerInvariant();
        if (name == "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (name == "cpu") return torch.CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new ConfigException(
                    $"--device {choice}: CUDA is not available here (build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU, or use --device cpu)");
            int index = name == "cuda" ? 0 : ParseIndex(choice, name[5..]);
            if (index >= torch.cuda.device_count())
                throw new ConfigException($"--device {choice}: only {torch.cuda.device_count()} CUDA device(s) found");
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ConfigException($"--device {choice}: unknown device; valid choices are auto, cpu, cuda, cuda:N");
    }

    static int ParseIndex(string choice, string text) =>
        int.TryParse(text, out int index) && index >= 0
            ? index
            : throw new ConfigException($"--device {choice}: the GPU index must be a non-negative integer");
}
