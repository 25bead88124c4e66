using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Micro-benchmarks of a reset's hot spots, run by tests/bench/run (never by tests/run). One short
// job, in process: BenchmarkDotNet's generated per-run project would inherit this repository's
// build settings, and the figures only need to sit beside the load run's, not gate anything.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default);

BenchmarkSwitcher.FromAssembly(typeof(RazorReset.Benchmarks.ResetTokenBenchmarks).Assembly).Run(args, config);
