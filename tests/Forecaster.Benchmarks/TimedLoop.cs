using System.Diagnostics;
using System.Globalization;

namespace Forecaster.Benchmarks;

internal sealed record TimedRun(int Steps, double Seconds, double ProcessCpuSeconds, double? ForeignCpuSeconds);

/// <summary>Warm-up then steady state, exactly as timed_loop in torch_rnn_bench.py (≥ 5 steps each).</summary>
internal static class TimedLoop
{
    private const int MinSteps = 5;

    public static TimedRun Run(Action step, double warmupSeconds, double minSeconds)
    {
        var clock = Stopwatch.StartNew();
        for (int n = 0; n < MinSteps || clock.Elapsed.TotalSeconds < warmupSeconds; n++)
        {
            step();
        }

        var busyBefore = MachineBusyJiffies();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        int steps = 0;
        double elapsed;
        do
        {
            step();
            steps++;
            elapsed = clock.Elapsed.TotalSeconds;
        }
        while (elapsed < minSeconds || steps < MinSteps);

        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var busyAfter = MachineBusyJiffies();
        double? foreign = busyBefore is long before && busyAfter is long after
            ? Math.Max(0, ((after - before) / 100.0) - cpu)
            : null;
        return new TimedRun(steps, elapsed, cpu, foreign);
    }

    /// <summary>Busy jiffies of the whole machine (USER_HZ = 100 on Linux), to show contention by other processes.</summary>
    private static long? MachineBusyJiffies()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Sum() - fields[3] - fields[4];
    }
}
