using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Publishing is a macro-benchmark (up to tens of seconds per operation): a few measured runs, not millions of invocations,
// in this process rather than in a generated and rebuilt project.
var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance.AddJob(job);
BenchmarkSwitcher.FromAssembly(typeof(ArticleSite.Benchmarks.RenderPipelineBenchmarks).Assembly).Run(args, config);
