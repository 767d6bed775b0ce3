// Run: dotnet run -c Release --project benchmarks/Matrix.Receipts.StoreBenchmarks -- --filter '*'
using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. --filter '*Sqlite*'; every store's class lives in this assembly.
BenchmarkSwitcher.FromAssembly(typeof(Matrix.Receipts.StoreBenchmarks.ConcurrentReceiptLoad).Assembly).Run(args);
