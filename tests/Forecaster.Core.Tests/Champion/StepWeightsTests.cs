using Forecaster.Core.Champion;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

public sealed class StepWeightsTests
{
    [Fact]
    public void Each_step_takes_the_least_squares_share_of_the_candidates_move_shrunk_by_the_gate()
    {
        // Step 1: the truth lies 40 % of the way from baseline to candidate at every origin; step 2 it lies 120 % of the way
        // (clipped to 1). The gate's own weight is 0.5.
        var panel = Panel(truthShareOfMove: [0.4, 1.2]);

        var weights = StepWeights.Fit(panel, Decision(weight: 0.5));

        Assert.Equal(0.4 * 0.5, weights[0], 12);
        Assert.Equal(1 * 0.5, weights[1], 12);
    }

    [Fact]
    public void A_step_where_the_candidate_moved_the_wrong_way_keeps_the_baseline()
    {
        var panel = Panel(truthShareOfMove: [-0.7, 0.3]);

        var weights = StepWeights.Fit(panel, Decision(weight: 1));

        Assert.Equal(0, weights[0]);
        Assert.Equal(0.3, weights[1], 12);
    }

    [Fact]
    public void A_published_baseline_has_no_weight_anywhere()
    {
        var baselineWon = new ChampionDecision(ForecastMethod.Naive, ForecastMethod.Naive, 1, ForecastMethod.Linear, 1.2, -1, 0);

        Assert.Equal([0.0, 0.0], StepWeights.Fit(Panel(truthShareOfMove: [0.4, 0.4]), baselineWon));
    }

    [Fact]
    public void A_combination_takes_its_floor_at_every_step_whatever_the_origins_say()
    {
        var combined = new ChampionDecision(ForecastMethod.Linear, ForecastMethod.Naive, 1, ForecastMethod.Linear, 1.1, -0.5, 0,
            Combined: true, Floor: 0.25);

        Assert.Equal([0.25, 0.25], StepWeights.Fit(Panel(truthShareOfMove: [-0.7, 1.2]), combined));
    }

    [Fact]
    public void A_step_never_moves_less_than_the_floor()
    {
        var floored = Decision(weight: 0.5) with { Floor = 0.3 };

        var weights = StepWeights.Fit(Panel(truthShareOfMove: [0.4, 1.2]), floored);

        Assert.Equal(0.3, weights[0], 12); // 0.4 · 0.5 = 0.2 is below the floor
        Assert.Equal(0.5, weights[1], 12);
    }

    private static ChampionDecision Decision(double weight) =>
        new(ForecastMethod.Linear, ForecastMethod.Naive, 2, ForecastMethod.Linear, 1, 3, weight);

    /// <summary>
    /// 10 origins of a 2-step panel on a made-up series. At every origin and step the candidate moves 10·d away from the
    /// baseline (d = ±1 alternating) and the truth lies the given share of that move from the baseline.
    /// </summary>
    private static ValidationPanel Panel(double[] truthShareOfMove)
    {
        var values = Enumerable.Range(0, 13).Select(t => 100.0 + (3 * t) + (t % 3)).ToArray();
        var panel = new ValidationPanel(0, 10, 2, values);
        var actuals = panel.Actuals.ToArray();
        var baseline = new double[actuals.Length];
        var candidate = new double[actuals.Length];
        for (var i = 0; i < actuals.Length; i++)
        {
            var move = 10.0 * (i / 2 % 2 == 0 ? 1 : -1);
            baseline[i] = actuals[i] - (truthShareOfMove[i % 2] * move);
            candidate[i] = baseline[i] + move;
        }

        panel.Add(ForecastMethod.Naive, baseline);
        panel.Add(ForecastMethod.Linear, candidate);
        return panel;
    }
}
