using Forecaster.Core.Champion;
using Forecaster.Core.Pipeline;
using Xunit;

namespace Forecaster.Core.Tests.Pipeline;

public sealed class PublishedRadiiTests
{
    [Fact]
    public void A_blend_gets_its_own_radii_mixed_with_the_baselines_by_each_steps_weight()
    {
        var (panel, baseline, candidate) = Panel();
        double[] weights = [0.9, 0.75, 0.6];
        var choice = new PublishedChoice(ForecastMethod.Linear, ForecastMethod.Naive, ForecastMethod.Linear, weights);
        var published = ForecastModel.Blend(baseline, candidate, weights);

        var radii = SeriesFit.PublishedRadii(panel, choice, published, [0.8]).Radii.ToArray();

        var own = SeriesFit.Radii(panel, published, [0.8]).Radii.ToArray();
        var baselines = SeriesFit.Radii(panel, baseline, [0.8]).Radii.ToArray();
        Assert.True(baselines[0] > own[0] * 1.5, "the example needs a baseline that erred clearly more");
        for (var k = 0; k < radii.Length; k++)
        {
            Assert.Equal((weights[k] * own[k]) + ((1 - weights[k]) * baselines[k]), radii[k], 1e-12);
        }
    }

    [Fact]
    public void A_published_baseline_gets_its_own_radii()
    {
        var (panel, baseline, _) = Panel();
        var choice = new PublishedChoice(ForecastMethod.Naive, ForecastMethod.Naive, ForecastMethod.Linear, [0, 0, 0]);

        var radii = SeriesFit.PublishedRadii(panel, choice, baseline, [0.8]).Radii.ToArray();

        Assert.Equal(SeriesFit.Radii(panel, baseline, [0.8]).Radii.ToArray(), radii);
    }

    /// <summary>20 origins of 3 steps; the baseline misses by ±30 % of the log, the candidate by ±5 %, alternating.</summary>
    private static (ValidationPanel Panel, double[] Baseline, double[] Candidate) Panel()
    {
        var values = Enumerable.Range(0, 40).Select(t => 100.0 + t).ToArray();
        var panel = new ValidationPanel(10, 20, 3, values);
        var actuals = panel.Actuals.ToArray();
        var baseline = actuals.Select((a, i) => a * Math.Exp(i % 2 == 0 ? 0.3 : -0.2)).ToArray();
        var candidate = actuals.Select((a, i) => a * Math.Exp(i % 3 == 0 ? 0.05 : -0.04)).ToArray();
        panel.Add(ForecastMethod.Naive, baseline);
        panel.Add(ForecastMethod.Linear, candidate);
        return (panel, baseline, candidate);
    }
}
