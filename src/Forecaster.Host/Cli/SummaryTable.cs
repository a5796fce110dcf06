using System.Globalization;
using Forecaster.Host.Cycle;

namespace Forecaster.Host.Cli;

/// <summary>The end-of-cycle table of <c>forecaster train</c> and the demo.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, CycleSummary summary)
    {
        output.WriteLine();
        output.WriteLine($"{"series",-34} {"outcome",-9} {"run",6} {"epochs",6} {"val MASE",8} {"warm",4} {"seconds",7}  cadence / reason");
        foreach (var result in summary.Results)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.SeriesKey,-34} {result.Outcome.ToString().ToLowerInvariant(),-9} " +
                $"{result.RunId?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {result.Epochs,6} " +
                $"{ConsoleProgress.Format(result.ValidationMase),8} {(result.WarmStarted ? "yes" : "no"),4} " +
                $"{result.Elapsed.TotalSeconds,7:F1}  {result.Cadence ?? $"{result.ReasonCode}: {result.Reason}"}"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Count(SeriesOutcome.Trained)} trained, {summary.Count(SeriesOutcome.Failed)} failed, " +
            $"{summary.Skipped} skipped ({summary.NotDue} not due), {summary.Count(SeriesOutcome.Cancelled)} cancelled " +
            $"in {summary.Elapsed.TotalSeconds:F1}s"));
        if (summary.Scoring is { Ran: true } scoring)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"live accuracy: {scoring.Count("scored")} step(s) scored, {scoring.Count("missing")} missing, " +
                $"{scoring.Count("scored", revised: true)} revised over {scoring.SeriesChecked} series with new data in " +
                $"{summary.ScoringElapsed.TotalMilliseconds:F0} ms"));
        }
    }
}
