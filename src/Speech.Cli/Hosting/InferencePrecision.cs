using System.CommandLine;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Cli.Hosting;

/// <summary><c>--precision fp32|bf16</c> for verbs that only run models: bf16 weights halve what
/// each decoding step reads (the fast path on CPUs with AVX-512 BF16); every model of the verb runs
/// in the same precision, so outputs stay comparable among them.</summary>
public static class InferencePrecision
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--precision") { Description = "Weights and activations: fp32 or bf16.", DefaultValueFactory = _ => "fp32" };
        option.AcceptOnlyFromAmong("fp32", "bf16");
        return option;
    }

    public static void Apply(nn.Module model, string precision)
    {
        if (precision == "bf16") model.to(ScalarType.BFloat16);
    }
}
