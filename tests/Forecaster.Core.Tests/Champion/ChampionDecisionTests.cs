using Forecaster.Core.Champion;
using Forecaster.Core.Intervals;
using Xunit;

namespace Forecaster.Core.Tests.Champion;

public class ChampionDecisionTests
{
    private static readonly ConformalCalibration AnyCalibration = new([0.8], 1, [1.0]);

    [Theory]
    [InlineData(0.995, ForecastMethod.Naive)] // better, but by 0.5 % < the 1 % margin
    [InlineData(1.000, ForecastMethod.Naive)] // a tie goes to the baseline
    [InlineData(1.200, ForecastMethod.Naive)]
    [InlineData(0.990, ForecastMethod.Rnn)] // exactly the margin
    [InlineData(0.500, ForecastMethod.Rnn)]
    public void TheNetworkMustBeatTheBestBaselineByTheMargin(double rnnMae, ForecastMethod expected)
    {
        var decision = ChampionDecision.Choose(
            rnnMae,
            [new BaselineScore(ForecastMethod.Naive, 1.0, AnyCalibration)],
            minimumImprovement: 0.01);

        Assert.Equal(expected, decision.Champion);
        Assert.Equal(1 - rnnMae, decision.Margin, 12);
        Assert.Equal(ForecastMethod.Naive, decision.BestBaseline);
    }

    [Fact]
    public void TheBestBaselineIsTheBar()
    {
        BaselineScore[] baselines = [new(ForecastMethod.Naive, 2.0, AnyCalibration), new(
            ForecastMethod.SeasonalNaive,
            1.0,
            AnyCalibration)];

        var decision = ChampionDecision.Choose(1.5, baselines, minimumImprovement: 0);

        Assert.Equal(ForecastMethod.SeasonalNaive, decision.Champion);
        Assert.Equal(-0.5, decision.Margin, 12);
    }

    [Fact]
    public void ANonFiniteNetworkErrorNeverWins()
    {
        var decision = ChampionDecision.Choose(
            double.NaN,
            [new BaselineScore(ForecastMethod.Naive, 1.0, AnyCalibration)],
            minimumImprovement: 0);

        Assert.Equal(ForecastMethod.Naive, decision.Champion);
    }
}
