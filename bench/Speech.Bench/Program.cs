using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Speech.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
