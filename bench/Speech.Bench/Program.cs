using BenchmarkDotNet.Running;
using Speech.Bench;

// Timed commands that print ratios measured in one run:
//   dotnet run -c Release --project bench/Speech.Bench -- trainer
//   dotnet run -c Release --project bench/Speech.Bench -- whisper-engines [threads] [tiny,base]
//   dotnet run -c Release --project bench/Speech.Bench -- decoder-passes [threads] [mini] [student layers]
//   dotnet run -c Release --project bench/Speech.Bench -- distil-step [threads] [student layers]
// BenchmarkDotNet suites:
//   dotnet run -c Release --project bench/Speech.Bench -- --filter '*'
if (args.Length > 0 && args[0] == "trainer")
{
    TrainerOverheadBenchmark.Run(args.Skip(1).ToArray(), Console.Out);
    return;
}
if (args.Length > 0 && args[0] == "whisper-engines")
{
    WhisperEngineBenchmark.Run(args.Skip(1).ToArray(), Console.Out);
    return;
}
if (args.Length > 0 && args[0] == "decoder-passes")
{
    DecoderPassBenchmark.Run(args.Skip(1).ToArray(), Console.Out);
    return;
}
if (args.Length > 0 && args[0] == "distil-step")
{
    DistilStepBenchmark.Run(args.Skip(1).ToArray(), Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
