using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Publishing is a macro-benchmark (up to seconds per operation): a few measured runs, not millions of invocations.
// In process: the site builds into the shared artifacts folder, where BenchmarkDotNet's generated projects would not find it.
var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance.AddJob(job);
BenchmarkSwitcher.FromAssembly(typeof(ArticleSite.Benchmarks.RenderPipelineBenchmarks).Assembly).Run(args, config);
