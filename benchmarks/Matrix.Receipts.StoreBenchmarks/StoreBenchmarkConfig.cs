using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Matrix.Receipts.StoreBenchmarks;

/// <summary>
/// The job every store benchmark uses: one invocation per iteration (each one is a whole burst of durable writes,
/// hundreds of milliseconds, not a microbenchmark), in process so the database files and ports stay under our control.
/// Loggers, exporters and columns come from the default config the switcher adds.
/// </summary>
public sealed class StoreBenchmarkConfig : ManualConfig
{
    public StoreBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(8)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
