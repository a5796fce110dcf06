using Forecaster.Core.Backtesting;

namespace Forecaster.Host.Backtesting;

/// <summary>Everything a backtest produced, plus the origins that could not be evaluated and why.</summary>
internal sealed record BacktestResult(IReadOnlyList<OriginOutcome> Outcomes, IReadOnlyList<string> Skipped, TimeSpan Elapsed)
{
    public IEnumerable<BacktestRow> Rows(double level) => Outcomes.SelectMany(outcome => outcome.Rows(level));
}
