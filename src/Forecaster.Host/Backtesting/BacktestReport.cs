using System.Globalization;
using Forecaster.Core.Backtesting;

namespace Forecaster.Host.Backtesting;

/// <summary>
/// The console summary: per series the published (champion) forecast against naive, then per family and
/// overall every method's MASE relative to naive, directional accuracy, and per interval level its coverage and MSIS.
/// </summary>
internal static class BacktestReport
{
    public static void Write(TextWriter output, BacktestResult result)
    {
        var scores = BacktestSummary.Build(result.Outcomes);
        var seriesKeys = result.Outcomes.Select(o => o.SeriesKey).ToHashSet(StringComparer.Ordinal);
        output.WriteLine();
        output.WriteLine(
            $"{"series",-40} {"method",-15} {"origins",7} {"MAE",12} {"RMSE",12} {"sMAPE%",7} {"MASE",7} {"rel",6} {"dir%",6}  " +
            "level:coverage%/MSIS");
        foreach (var score in scores.Where(s => seriesKeys.Contains(s.Scope) && s.Method is BacktestRunner.ChampionLabel))
        {
            WriteLine(output, score);
        }

        output.WriteLine();
        foreach (var score in scores.Where(s => !seriesKeys.Contains(s.Scope)))
        {
            WriteLine(output, score);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Outcomes.Count} origins over {seriesKeys.Count} series in {result.Elapsed.TotalSeconds:F1}s; " +
            $"{result.Skipped.Count} origin(s) or series skipped"));
        foreach (var skipped in result.Skipped)
        {
            output.WriteLine("  skipped " + skipped);
        }
    }

    private static void WriteLine(TextWriter output, MethodScore score)
    {
        var coverage = string.Join(
            " ",
            score.Intervals.Select(i => string.Create(
                CultureInfo.InvariantCulture, $"{i.Level * 100:F0}%:{i.Coverage * 100:F1}/{i.Msis:F2}")));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{score.Scope,-40} {score.Method,-15} {score.Origins,7} {score.Mae,12:G6} {score.Rmse,12:G6} " +
            $"{score.Smape,7:F2} {score.Mase,7:F3} {score.RelativeMase,6:F3} {score.DirectionalAccuracy * 100,6:F1}  {coverage}"));
    }
}
