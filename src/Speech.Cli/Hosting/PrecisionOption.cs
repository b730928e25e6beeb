using System.CommandLine;
using Speech.Core.Runtime;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Cli.Hosting;

/// <summary><c>--precision auto|fp32|bf16</c> for every verb that trains or runs models
/// (<see cref="PrecisionChoice"/>: auto = bf16 where the hardware computes it natively). A bf16
/// asked for where it is emulated runs, after a warning on the error stream.</summary>
public static class PrecisionOption
{
    public const string AutoMeaning = "auto = bf16 where the hardware computes it natively (a CPU with AVX-512 BF16 or AMX, a CUDA GPU), else fp32 " +
                                      "(emulated bf16 is many times slower than fp32)";

    public static Option<string> Create(string description, string name = "--precision", string defaultValue = "fp32")
    {
        var option = new Option<string>(name) { Description = $"{description} {AutoMeaning}.", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(PrecisionChoice.Names);
        return option;
    }

    /// <summary>For verbs that only run models: bf16 weights halve what each decoding step reads.</summary>
    public static Option<string> ForInference() =>
        Create("Weights and activations: fp32 or bf16 (every model of the verb in the same precision, so their outputs stay comparable);");

    /// <summary>The precision to run in; says on the error stream what auto chose (the choice
    /// depends on the machine) and warns of an emulated bf16.</summary>
    public static Precision Resolve(ParseResult parse, string choice, Device device)
    {
        var error = parse.InvocationConfiguration.Error;
        var precision = PrecisionChoice.Resolve(choice, device, message => error.WriteLine($"warning: {message}"));
        if (choice == "auto")
            error.WriteLine(precision == Precision.Bf16 ? "precision: auto -> bf16 (computed natively here)" : "precision: auto -> fp32 (bf16 would be emulated here)");
        return precision;
    }
}
