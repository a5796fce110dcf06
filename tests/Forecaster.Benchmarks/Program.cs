using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Forecaster.Benchmarks;
using Forecaster.Core.Optimization;
using Forecaster.Core.Rnn;

// The C# side of the reference workload: prints one JSON line shaped like torch_rnn_bench.py's.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Mode == "peak")
{
    FmaPeak.Report(options);
    return 0;
}

var config = Workload.Configs[options.Config];
int batch = options.Batch ?? (options.Mode == "infer" ? 1024 : config.Batch);
var shape = new RnnShape(1, config.Hidden, config.Horizon);
var bank = Workload.Batches(Workload.Series(Workload.SeriesLength, options.Seed), config, batch, options.Seed);
var parameters = Workload.InitialParameters(shape.ParameterCount, config.Hidden, options.Seed);
var simd = options.Simd ?? SimdWidths.Widest;
var kernel = new RnnTrainingKernel(shape, config.Window, batch, LossKind.MeanSquaredError, 1f, 0, simd);
int next = 0;
float lastLoss = float.NaN;
Action step;
long flopsPerWindow;
if (options.Mode == "infer")
{
    var outputs = new float[batch * config.Horizon];
    step = () =>
    {
        var (inputs, _) = bank[next++ % bank.Length];
        kernel.Predict(parameters, inputs, batch, outputs);
    };
    flopsPerWindow = config.ForwardFlops;
}
else
{
    var gradient = new float[shape.ParameterCount];
    var adam = new AdamOptimizer(shape.ParameterCount, learningRate: 1e-3f);
    step = () =>
    {
        var (inputs, targets) = bank[next++ % bank.Length];
        lastLoss = kernel.LossAndGradient(parameters, inputs, targets, batch, gradient);
        adam.Step(parameters, gradient);
    };
    flopsPerWindow = 3 * config.ForwardFlops;
}

var run = TimedLoop.Run(step, options.Warmup, options.Seconds);
double windowsPerSecond = batch * run.Steps / run.Seconds;
var record = new Dictionary<string, object?>
{
    ["engine"] = "forecaster",
    ["dotnet"] = RuntimeInformation.FrameworkDescription,
    ["mode"] = options.Mode,
    ["threads"] = options.Threads,
    ["rep"] = options.Repetition,
    ["config"] = options.Config,
    ["W"] = config.Window,
    ["H"] = config.Hidden,
    ["K"] = config.Horizon,
    ["B"] = batch,
    ["simd"] = simd.ToString(),
    ["simd_pinned"] = options.Simd is not null,
    ["vector_floats"] = kernel.VectorLanes,
    ["steps"] = run.Steps,
    ["seconds"] = Math.Round(run.Seconds, 3),
    ["windows_per_s"] = Math.Round(windowsPerSecond, 1),
    ["us_per_step"] = Math.Round(run.Seconds / run.Steps * 1e6, 1),
    ["flops_per_window"] = flopsPerWindow,
    ["gflops"] = Math.Round(windowsPerSecond * flopsPerWindow / 1e9, 3),
    ["proc_cpu_s"] = Math.Round(run.ProcessCpuSeconds, 3),
    ["foreign_cpu_s"] = run.ForeignCpuSeconds is double foreign ? Math.Round(foreign, 2) : null,
};
if (options.Mode == "train")
{
    record["final_loss"] = Math.Round(lastLoss, 5);
}

Console.WriteLine(JsonSerializer.Serialize(record));
return 0;
