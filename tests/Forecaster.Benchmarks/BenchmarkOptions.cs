using System.Globalization;
using Forecaster.Core.Rnn;

namespace Forecaster.Benchmarks;

/// <summary>
/// Command line of the benchmark, named like torch_rnn_bench.py's so both run with the same arguments, plus
/// <c>--simd</c> (pin the kernel's vector width; default the widest this CPU accelerates) and <c>--mode peak</c>
/// (the core's FP32 FMA peak per vector width).
/// </summary>
internal sealed record BenchmarkOptions(string Mode, string Config, int Threads, int? Batch, double Seconds,
    double Warmup, int Seed, int Repetition, SimdWidth? Simd)
{
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int n = 0; n < args.Count; n += 2)
        {
            if (!args[n].StartsWith("--", StringComparison.Ordinal) || n + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[n]}'.", nameof(args));
            }

            values[args[n][2..]] = args[n + 1];
        }

        string mode = values.GetValueOrDefault("mode", "train");
        if (mode is not ("train" or "infer" or "peak"))
        {
            throw new ArgumentException($"--mode must be train, infer or peak, got '{mode}'.", nameof(args));
        }

        SimdWidth? simd = null;
        if (values.TryGetValue("simd", out var width))
        {
            simd = Enum.TryParse<SimdWidth>(width, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentException(
                    $"--simd must be one of {string.Join(", ", Enum.GetNames<SimdWidth>())}, got '{width}'.", nameof(args));
        }

        string config = values.GetValueOrDefault("config", "M");
        if (!Workload.Configs.ContainsKey(config))
        {
            throw new ArgumentException($"--config must be S, M or L, got '{config}'.", nameof(args));
        }

        int threads = Int(values, "threads", 1);
        if (threads != 1)
        {
            throw new ArgumentException("The kernel is single-threaded by design: --threads must be 1.", nameof(args));
        }

        return new BenchmarkOptions(mode, config, threads,
            values.TryGetValue("batch", out var batch) ? int.Parse(batch, CultureInfo.InvariantCulture) : null,
            Double(values, "seconds", 5.0), Double(values, "warmup", 1.0), Int(values, "seed", 0), Int(values, "rep", 0), simd);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double Double(Dictionary<string, string> values, string name, double fallback) =>
        values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
