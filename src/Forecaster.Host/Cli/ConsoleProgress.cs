using System.Globalization;
using Forecaster.Host.Cycle;

namespace Forecaster.Host.Cli;

/// <summary>One line per finished series: how far the cycle is, how long it has run, and what happened.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IProgress<CycleProgress>
{
    private readonly Lock _writeLock = new();

    public void Report(CycleProgress value)
    {
        var latest = value.Latest;
        var detail = latest.Outcome == SeriesOutcome.Trained
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{latest.Epochs} epochs, MASE {Format(latest.ValidationMase)}{(latest.WarmStarted ? ", warm" : "")}")
            : latest.Reason ?? "";
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{value.Done,3}/{Math.Max(value.Due, value.Done),-3}] {value.Elapsed:hh\\:mm\\:ss} {latest.SeriesKey,-34} " +
            $"{latest.Outcome.ToString().ToLowerInvariant(),-9} {latest.Elapsed.TotalSeconds,6:F1}s  {detail}");
        lock (_writeLock)
        {
            output.WriteLine(line);
        }
    }

    internal static string Format(double? value) => value is { } number ? number.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
