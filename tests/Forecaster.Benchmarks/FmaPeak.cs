using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Forecaster.Core.Rnn;
using Forecaster.Core.Rnn.Simd;

namespace Forecaster.Benchmarks;

/// <summary>
/// The core's FP32 fused multiply-add peak at one vector width, the yardstick for "% of peak": 16 independent
/// FMA chains in registers, enough to hide the FMA latency (~4 cycles) on up to four pipes (two on x64 cores,
/// four on Neoverse V1 or Apple cores), so the loop runs at the pipes' throughput. Written with the kernels' own
/// lanes, so it measures what the JIT makes of exactly those instructions.
/// </summary>
internal static class FmaPeak
{
    private const int Chains = 16;

    private const int Slices = 5;

    // ~3 ms per call at 200 GFLOP/s: fine-grained enough for TimedLoop, long enough to amortize the call.
    private const int RoundsPerCall = 1 << 20;

    /// <summary>Keeps the chains' results alive so the JIT cannot drop the loop.</summary>
    private static float Sink;

    /// <summary>One JSON line per width: the pinned one, or every width this CPU accelerates.</summary>
    public static void Report(BenchmarkOptions options)
    {
        foreach (var width in options.Simd is SimdWidth pinned ? [pinned] : AcceleratedWidths())
        {
            var (flops, run) = Measure(width, options.Warmup, options.Seconds);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["engine"] = "fma-probe",
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["mode"] = options.Mode,
                ["threads"] = options.Threads,
                ["rep"] = options.Repetition,
                ["simd"] = width.ToString(),
                ["seconds"] = Math.Round(run.Seconds, 3),
                ["gflops"] = Math.Round(flops / 1e9, 2),
                ["proc_cpu_s"] = Math.Round(run.ProcessCpuSeconds, 3),
                ["foreign_cpu_s"] = run.ForeignCpuSeconds is double foreign ? Math.Round(foreign, 2) : null,
            }));
        }
    }

    /// <summary>The widths the kernels can dispatch to on this CPU, widest first.</summary>
    private static IEnumerable<SimdWidth> AcceleratedWidths()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector512;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector256;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector128;
        }
    }

    /// <summary>Floating-point operations per second (an FMA counts two) at <paramref name="width"/>, and the timed run.</summary>
    private static (double Flops, TimedRun Run) Measure(SimdWidth width, double warmupSeconds, double seconds) => width switch
    {
        SimdWidth.Vector512 => Measure<Lane512, Vector512<float>>(warmupSeconds, seconds),
        SimdWidth.Vector256 => Measure<Lane256, Vector256<float>>(warmupSeconds, seconds),
        SimdWidth.Vector128 => Measure<Lane128, Vector128<float>>(warmupSeconds, seconds),
        SimdWidth.Scalar => Measure<ScalarLane, float>(warmupSeconds, seconds),
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown SIMD width."),
    };

    /// <summary>The best of <see cref="Slices"/> runs: on a shared core, other processes only ever lower the rate.</summary>
    private static (double Flops, TimedRun Run) Measure<TLane, TVector>(double warmupSeconds, double seconds)
        where TLane : ILane<TVector>
        where TVector : unmanaged
    {
        double flopsPerCall = 2.0 * Chains * TLane.Count * RoundsPerCall;
        (double Flops, TimedRun Run) best = (0, new TimedRun(0, 0, 0, null));
        for (int slice = 0; slice < Slices; slice++)
        {
            var run = TimedLoop.Run(() => Sink += Chain<TLane, TVector>(RoundsPerCall), slice == 0 ? warmupSeconds : 0,
                seconds / Slices);
            double flops = run.Steps * flopsPerCall / run.Seconds;
            if (flops > best.Flops)
            {
                best = (flops, run);
            }
        }

        return best;
    }

    // c ← c·a + b with a < 1 converges to b / (1 − a): values stay normal (no denormal slow path) and finite.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float Chain<TLane, TVector>(int rounds)
        where TLane : ILane<TVector>
        where TVector : unmanaged
    {
        var a = TLane.Create(0.999f);
        var b = TLane.Create(0.001f);
        TVector c0 = TLane.Create(0.00f), c1 = TLane.Create(0.01f), c2 = TLane.Create(0.02f), c3 = TLane.Create(0.03f);
        TVector c4 = TLane.Create(0.04f), c5 = TLane.Create(0.05f), c6 = TLane.Create(0.06f), c7 = TLane.Create(0.07f);
        TVector c8 = TLane.Create(0.08f), c9 = TLane.Create(0.09f), c10 = TLane.Create(0.10f), c11 = TLane.Create(0.11f);
        TVector c12 = TLane.Create(0.12f), c13 = TLane.Create(0.13f), c14 = TLane.Create(0.14f), c15 = TLane.Create(0.15f);
        for (int n = 0; n < rounds; n++)
        {
            c0 = TLane.MultiplyAdd(c0, a, b);
            c1 = TLane.MultiplyAdd(c1, a, b);
            c2 = TLane.MultiplyAdd(c2, a, b);
            c3 = TLane.MultiplyAdd(c3, a, b);
            c4 = TLane.MultiplyAdd(c4, a, b);
            c5 = TLane.MultiplyAdd(c5, a, b);
            c6 = TLane.MultiplyAdd(c6, a, b);
            c7 = TLane.MultiplyAdd(c7, a, b);
            c8 = TLane.MultiplyAdd(c8, a, b);
            c9 = TLane.MultiplyAdd(c9, a, b);
            c10 = TLane.MultiplyAdd(c10, a, b);
            c11 = TLane.MultiplyAdd(c11, a, b);
            c12 = TLane.MultiplyAdd(c12, a, b);
            c13 = TLane.MultiplyAdd(c13, a, b);
            c14 = TLane.MultiplyAdd(c14, a, b);
            c15 = TLane.MultiplyAdd(c15, a, b);
        }

        return TLane.Sum(c0) + TLane.Sum(c1) + TLane.Sum(c2) + TLane.Sum(c3) + TLane.Sum(c4) + TLane.Sum(c5)
            + TLane.Sum(c6) + TLane.Sum(c7) + TLane.Sum(c8) + TLane.Sum(c9) + TLane.Sum(c10) + TLane.Sum(c11)
            + TLane.Sum(c12) + TLane.Sum(c13) + TLane.Sum(c14) + TLane.Sum(c15);
    }
}
