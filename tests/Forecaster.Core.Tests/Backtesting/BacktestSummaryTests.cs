using Forecaster.Core.Backtesting;
using Forecaster.Core.Champion;
using Forecaster.Core.Models;
using Xunit;

namespace Forecaster.Core.Tests.Backtesting;

/// <summary>
/// Three origins small enough to score by hand: two of family "fx" forecast by naive and the network, one of
/// family "rates" (flat history, so no MASE) by naive alone.
/// </summary>
public sealed class BacktestSummaryTests
{
    private static readonly string Naive = ForecastMethod.Naive.Name();
    private static readonly string Rnn = ForecastMethod.Rnn.Name();

    private static readonly OriginOutcome Eur = Outcome(
        "fx/eur",
        originValue: 10,
        scale: 1,
        actuals: [11, 9],
        (Naive, [10, 10], [9, 9], [10.5, 10.5]),
        (Rnn, [12, 11], [11.5, 10.5], [12.5, 11.5]));

    private static readonly OriginOutcome Gbp = Outcome(
        "fx/gbp",
        originValue: 20,
        scale: 4,
        actuals: [22, 22],
        (Naive, [20, 20], [19, 19], [21, 21]),
        (Rnn, [21, 23], [20, 22], [22, 24]));

    private static readonly OriginOutcome Rate = Outcome(
        "rates/x",
        originValue: 5,
        scale: 0,
        actuals: [5, 6],
        (Naive, [5, 5], [4, 4], [6, 6]));

    [Fact]
    public void Scores_each_method_over_the_steps_of_all_origins()
    {
        var scores = BacktestSummary.Score("fx", [Eur, Gbp]).ToArray();

        Assert.Equal([Naive, Rnn], scores.Select(score => score.Method));
        var naive = scores[0];
        var rnn = scores[1];

        // Network errors 1, 2 | −1, 1; naive errors −1, 1 | −2, −2.
        Assert.Equal(("fx", 2), (rnn.Scope, rnn.Origins));
        Assert.Equal(5.0 / 4, rnn.Mae, 12);
        Assert.Equal(Math.Sqrt(7.0 / 4), rnn.Rmse, 12);
        Assert.Equal(((200.0 / 23) + (400.0 / 20) + (200.0 / 43) + (200.0 / 45)) / 4, rnn.Smape, 12);
        Assert.Equal(6.0 / 4, naive.Mae, 12);
        Assert.Equal(Math.Sqrt(10.0 / 4), naive.Rmse, 12);

        // MASE is the mean of per-origin values: network (1.5 / 1 + 1 / 4) / 2, naive (1 / 1 + 2 / 4) / 2.
        Assert.Equal(0.875, rnn.Mase, 12);
        Assert.Equal(0.75, naive.Mase, 12);
        Assert.Equal(0.875 / 0.75, rnn.RelativeMase, 12);
        Assert.Equal(1.0, naive.RelativeMase, 12);
    }

    [Fact]
    public void Direction_counts_only_steps_where_forecast_and_actual_both_move()
    {
        var scores = BacktestSummary.Score("fx", [Eur, Gbp]).ToArray();

        // The network moves the right way at three of its four steps; naive never moves, so it has no direction.
        Assert.Equal(0.75, scores[1].DirectionalAccuracy, 12);
        Assert.True(double.IsNaN(scores[0].DirectionalAccuracy));
    }

    [Fact]
    public void Coverage_is_the_share_of_steps_inside_each_closed_interval_per_level()
    {
        var scores = BacktestSummary.Score("fx", [Eur, Gbp]).ToArray();

        // 80 %: naive holds only 9 in [9, 10.5]; the network holds both 22s, one on its upper and one on its lower bound.
        Assert.Equal([(0.8, 0.25), (0.95, 1.0)], scores[0].Intervals.Select(interval => (interval.Level, interval.Coverage)));
        Assert.Equal([(0.8, 0.5), (0.95, 1.0)], scores[1].Intervals.Select(interval => (interval.Level, interval.Coverage)));
    }

    [Fact]
    public void Summary_has_every_series_then_every_family_then_the_methods_all_origins_share()
    {
        var scores = BacktestSummary.Build([Eur, Gbp, Rate]);

        Assert.Equal(
            [
                ("fx/eur", Naive, 1), ("fx/eur", Rnn, 1), ("fx/gbp", Naive, 1), ("fx/gbp", Rnn, 1), ("rates/x", Naive, 1),
                ("fx", Naive, 2), ("fx", Rnn, 2), ("rates", Naive, 1),
                (BacktestSummary.OverallScope, Naive, 3),
            ],
            scores.Select(score => (score.Scope, score.Method, score.Origins)));

        // A flat history has no scale: its origin has no MASE and the others' mean stands.
        var overall = scores[^1];
        Assert.Equal(7.0 / 6, overall.Mae, 12);
        Assert.Equal(0.75, overall.Mase, 12);
        Assert.True(double.IsNaN(scores.Single(score => score.Scope == "rates").Mase));
    }

    [Fact]
    public void No_origins_give_no_scores()
    {
        Assert.Empty(BacktestSummary.Score("fx", []));
        Assert.Empty(BacktestSummary.Build([]));
    }

    private static OriginOutcome Outcome(
        string key,
        double originValue,
        double scale,
        double[] actuals,
        params (string Method, double[] Values, double[] Lower, double[] Upper)[] forecasts)
    {
        var wide = Enumerable.Repeat(0.0, actuals.Length).ToArray();
        var huge = Enumerable.Repeat(100.0, actuals.Length).ToArray();
        var stamps = Enumerable.Range(1, actuals.Length).Select(day => new DateTime(2024, 1, day, 0, 0, 0, DateTimeKind.Utc)).ToArray();
        return new OriginOutcome(
            key,
            new DateTime(2023, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            originValue,
            scale,
            stamps,
            actuals,
            ForecastMethod.Naive,
            forecasts.ToDictionary(
                forecast => forecast.Method,
                forecast => new SeriesForecast(
                    forecast.Values,
                    [new PredictionInterval(0.8, forecast.Lower, forecast.Upper), new PredictionInterval(0.95, wide, huge)])));
    }
}
