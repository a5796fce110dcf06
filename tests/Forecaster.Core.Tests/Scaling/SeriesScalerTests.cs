using Forecaster.Core.Scaling;
using Forecaster.Core.Validation;
using Xunit;

namespace Forecaster.Core.Tests.Scaling;

public sealed class SeriesScalerTests
{
    [Theory]
    [InlineData(ScalingKind.LogReturns, 123.456)]
    [InlineData(ScalingKind.Differences, -7.25)]
    public void Zero_output_is_exactly_the_last_value(ScalingKind kind, double last)
    {
        var scaler = new SeriesScaler(kind, 0.001, 0.02, 5);

        for (var k = 1; k <= 10; k++)
        {
            Assert.Equal(last, scaler.ToPrice(last, k, 0.0));
        }
    }

    [Fact]
    public void Log_scaling_maps_targets_back_to_prices()
    {
        var scaler = new SeriesScaler(ScalingKind.LogReturns, 0, 0.02, 5);

        // Output 1 at step 4 = one σ·√4 = 0.04 log move.
        Assert.Equal(100 * Math.Exp(0.04), scaler.ToPrice(100, 4, 1.0), 12);
        Assert.Equal(100 - (3 * 0.02 * Math.Sqrt(9)), new SeriesScaler(ScalingKind.Differences, 0, 0.02, 5).ToPrice(100, 9, -3.0), 12);
    }

    [Fact]
    public void Fit_uses_only_returns_up_to_the_last_index()
    {
        double[] levels = [0, 1, 3, 6, 1000];

        var scaler = SeriesScaler.Fit(ScalingKind.Differences, levels, 3, 5);

        // Returns 1, 2, 3: mean 2, population std √(2/3); the jump to 1000 is outside.
        Assert.Equal(2, scaler.ReturnMean, 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), scaler.ReturnStd, 12);
        Assert.Equal(
            (float)((1000 - 6 - 2) / Math.Sqrt(2.0 / 3)),
            new SeriesScaler(ScalingKind.Differences, 2, Math.Sqrt(2.0 / 3), 1e9).ScaleReturn(994));
        Assert.Equal(5f, scaler.ScaleReturn(994));
    }

    [Fact]
    public void Auto_picks_log_returns_only_for_positive_series()
    {
        Assert.Equal(ScalingKind.LogReturns, SeriesScaler.Resolve(ScalingKind.Auto, [1, 2, 3], 0));
        Assert.Equal(ScalingKind.Differences, SeriesScaler.Resolve(ScalingKind.Auto, [1, 0, 3], 0));
        Assert.Equal(ScalingKind.Differences, SeriesScaler.Resolve(ScalingKind.Differences, [1, 2, 3], 0));
        Assert.Equal(5, Assert.Throws<ForecastInputException>(() => SeriesScaler.Resolve(ScalingKind.LogReturns, [1, 0, 3], 4)).ValueIndex);
    }
}
