using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MlNetSegment.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
