using Forecaster.Core.Champion;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

public sealed class ChampionDecisionTests
{
    private const double Confidence = 0.95;

    [Fact]
    public void A_significant_edge_that_wins_most_origins_is_published_shrunk_by_its_statistic()
    {
        var panel = Panel(naiveErrors: [2, 3, 2, 4, 3, 2, 3, 4, 2, 3], candidateErrors: [1, 1.5, 1.2, 2, 1, 1.4, 1.1, 2.5, 1, 1.6]);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive], [ForecastMethod.Rnn], Confidence, minimumImprovement: 0.01);

        Assert.Equal(ForecastMethod.Rnn, decision.Champion);
        Assert.Equal(ForecastMethod.Naive, decision.Baseline);
        Assert.True(decision.Statistic > 1.645);
        Assert.Equal(1 - (1 / (decision.Statistic * decision.Statistic)), decision.Weight, 12);
    }

    [Fact]
    public void An_edge_within_the_noise_leaves_the_baseline()
    {
        var panel = Panel(naiveErrors: [2, 3, 2, 4, 3, 2, 3, 4, 2, 3], candidateErrors: [2.5, 2, 2.6, 3, 3.4, 1.5, 3.2, 3.1, 2.4, 2.9]);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive], [ForecastMethod.Rnn], Confidence, minimumImprovement: 0);

        Assert.Equal(ForecastMethod.Naive, decision.Champion);
        Assert.Equal(0, decision.Weight);
        Assert.Equal(ForecastMethod.Rnn, decision.Candidate);
    }

    [Fact]
    public void A_few_huge_wins_cannot_carry_a_candidate_that_loses_most_origins()
    {
        // Bad ticks: naive is far off at two origins, slightly better everywhere else.
        double[] naive = [50, 48, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        double[] candidate = [1, 1, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2];

        var decision = ChampionDecision.Choose(Panel(naive, candidate), [ForecastMethod.Naive], [ForecastMethod.Rnn], 0.6,
            minimumImprovement: 0);

        Assert.True(decision.Margin > 0.5);
        Assert.True(decision.Statistic > 0.26);
        Assert.Equal(ForecastMethod.Naive, decision.Champion);
    }

    [Theory]
    [InlineData(0.25, ForecastMethod.Rnn)] // exactly the margin (representable: 1 − 0.75/1)
    [InlineData(0.2500001, ForecastMethod.Naive)]
    public void The_candidate_needs_the_minimum_improvement(double minimumImprovement, ForecastMethod expected)
    {
        var panel = Panel(naiveErrors: [1, 1, 1, 1, 1, 1, 1, 1], candidateErrors: [0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75]);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive], [ForecastMethod.Rnn], Confidence, minimumImprovement);

        Assert.Equal(0.25, decision.Margin);
        Assert.Equal(expected, decision.Champion);
    }

    [Fact]
    public void A_constant_edge_is_published_unshrunk()
    {
        var panel = Panel(naiveErrors: [2, 3, 2, 4], candidateErrors: [1, 2, 1, 3]);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive], [ForecastMethod.Rnn], Confidence, minimumImprovement: 0);

        Assert.Equal((ForecastMethod.Rnn, 1.0), (decision.Champion, decision.Weight));
    }

    [Fact]
    public void The_better_baseline_is_the_bar_and_the_strongest_candidate_is_tried()
    {
        double[] actuals = [10, 10, 10, 10, 10, 10];
        var panel = new ValidationPanel(firstEnd: 0, origins: 5, horizon: 1, actuals);
        panel.Add(ForecastMethod.Naive, [14, 13, 14, 12, 13]);
        panel.Add(ForecastMethod.SeasonalNaive, [11, 12, 11, 12, 11]);
        panel.Add(ForecastMethod.Linear, [10.5, 11.5, 10.5, 11.5, 10.5]);
        panel.Add(ForecastMethod.Rnn, [12, 13, 12, 12, 14]);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive, ForecastMethod.SeasonalNaive], [ForecastMethod.Rnn,
            ForecastMethod.Linear], Confidence, 0);

        Assert.Equal(ForecastMethod.SeasonalNaive, decision.Baseline);
        Assert.Equal(ForecastMethod.Linear, decision.Candidate);
        Assert.Equal(ForecastMethod.Linear, decision.Champion);
        Assert.Equal(1.4, decision.BaselineMae, 12);
    }

    [Theory]
    [InlineData(ForecastMethod.SeasonalNaive, true)]
    [InlineData(ForecastMethod.SeasonalDrift, true)]
    [InlineData(ForecastMethod.Naive, false)]
    public void An_insignificant_candidate_is_combined_only_behind_a_seasonal_baseline(ForecastMethod bar, bool combined)
    {
        // The bar erred 2 on every origin, the candidate 1.9 on average but unevenly: no significant edge.
        var panel = Panel(bar, barErrors: [2, 2, 2, 2, 2, 2, 2, 2], candidateErrors: [1, 3, 1, 3, 1, 3, 1, 2.2], naiveError: 5);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive, bar], [ForecastMethod.Rnn], Confidence, 0, 0.25);

        Assert.Equal(bar, decision.Baseline);
        Assert.InRange(decision.Statistic, -1, 1);
        Assert.Equal(combined, decision.Combined);
        Assert.Equal(combined ? (ForecastMethod.Rnn, 0.25) : (bar, 0), (decision.Champion, decision.Floor));
        Assert.Equal(0, decision.Weight);
    }

    [Theory]
    [InlineData(5.5)]
    [InlineData(5)] // exactly naive's error: not better
    public void A_candidate_that_did_not_forecast_better_than_naive_is_not_combined(double lastError)
    {
        var panel = Panel(ForecastMethod.SeasonalNaive, barErrors: [2, 2, 2, 2], candidateErrors: [5, 5, 5, lastError], naiveError: 5);

        var decision = ChampionDecision.Choose(
            panel, [ForecastMethod.Naive, ForecastMethod.SeasonalNaive], [ForecastMethod.Rnn], Confidence, 0, 0.25);

        Assert.Equal((ForecastMethod.SeasonalNaive, false), (decision.Champion, decision.Combined));
    }

    [Theory]
    [InlineData(ForecastMethod.SeasonalNaive, 0.25)]
    [InlineData(ForecastMethod.Naive, 0)]
    public void A_significant_edge_is_published_by_the_gate_with_the_floor_only_behind_a_seasonal_baseline(
        ForecastMethod bar, double floor)
    {
        var panel = Panel(bar, barErrors: [2, 3, 2, 4, 3, 2], candidateErrors: [1, 1.5, 1.2, 2, 1, 1.4], naiveError: 5);

        var decision = ChampionDecision.Choose(panel, [ForecastMethod.Naive, bar], [ForecastMethod.Rnn], Confidence, 0, 0.25);

        Assert.Equal((ForecastMethod.Rnn, false, floor), (decision.Champion, decision.Combined, decision.Floor));
        Assert.Equal(1 - (1 / (decision.Statistic * decision.Statistic)), decision.Weight, 12);
    }

    [Theory]
    [InlineData(10, ForecastMethod.Rnn)] // exactly the minimum
    [InlineData(11, ForecastMethod.Naive)]
    public void A_significant_edge_on_fewer_origins_than_the_minimum_leaves_the_baseline(int minimumOrigins, ForecastMethod expected)
    {
        var panel = Panel(naiveErrors: [2, 3, 2, 4, 3, 2, 3, 4, 2, 3], candidateErrors: [1, 1.5, 1.2, 2, 1, 1.4, 1.1, 2.5, 1, 1.6]);

        var decision = ChampionDecision.Choose(
            panel, [ForecastMethod.Naive], [ForecastMethod.Rnn], Confidence, 0, minimumOrigins: minimumOrigins);

        Assert.True(decision.Statistic > 1.645);
        Assert.Equal(expected, decision.Champion);
        Assert.Equal(expected == ForecastMethod.Rnn, decision.Weight > 0);
    }

    [Fact]
    public void Behind_a_seasonal_baseline_too_few_origins_still_leave_the_fixed_combination()
    {
        var panel = Panel(
            ForecastMethod.SeasonalNaive, barErrors: [2, 3, 2, 4, 3, 2], candidateErrors: [1, 1.5, 1.2, 2, 1, 1.4], naiveError: 5);

        var decision = ChampionDecision.Choose(
            panel, [ForecastMethod.Naive, ForecastMethod.SeasonalNaive], [ForecastMethod.Rnn], Confidence, 0, 0.25, minimumOrigins: 7);

        Assert.Equal((ForecastMethod.Rnn, true, 0.25, 0.0), (decision.Champion, decision.Combined, decision.Floor, decision.Weight));
    }

    [Theory]
    [InlineData(0.5, double.NegativeInfinity)]
    [InlineData(0, 0)]
    public void Against_a_baseline_that_never_erred_any_error_is_an_unbounded_loss_and_none_is_a_tie(double candidateMae, double margin)
    {
        var decision = new ChampionDecision(ForecastMethod.Naive, ForecastMethod.Naive, 0, ForecastMethod.Rnn, candidateMae, 0, 0);

        Assert.Equal(margin, decision.Margin);
    }

    /// <summary>One-step validation origins at which naive and the network are off by the given amounts.</summary>
    private static ValidationPanel Panel(double[] naiveErrors, double[] candidateErrors) =>
        Panel(ForecastMethod.Naive, naiveErrors, candidateErrors, naiveError: 0);

    /// <summary>
    /// One-step origins: the bar errs above the truth, the candidate below it, and naive, when it is not the bar, a
    /// constant <paramref name="naiveError"/> above.
    /// </summary>
    private static ValidationPanel Panel(ForecastMethod bar, double[] barErrors, double[] candidateErrors, double naiveError)
    {
        var actuals = new double[barErrors.Length + 1];
        Array.Fill(actuals, 100);
        var panel = new ValidationPanel(firstEnd: 0, origins: barErrors.Length, horizon: 1, actuals);
        panel.Add(bar, [.. barErrors.Select(error => 100 + error)]);
        panel.Add(ForecastMethod.Rnn, [.. candidateErrors.Select(error => 100 - error)]);
        if (bar != ForecastMethod.Naive)
        {
            panel.Add(ForecastMethod.Naive, [.. barErrors.Select(_ => 100 + naiveError)]);
        }

        return panel;
    }
}
