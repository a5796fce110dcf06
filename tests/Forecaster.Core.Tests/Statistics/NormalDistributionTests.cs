using Forecaster.Core.Statistics;
using Xunit;

namespace Forecaster.Core.Tests.Statistics;

public sealed class NormalDistributionTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8, 0.8416212335729143)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.001, -3.090232306167813)]
    public void Quantiles_match_the_tables(double probability, double expected)
    {
        // Acklam's approximation is accurate to a relative 1.2e-9.
        Assert.Equal(expected, NormalDistribution.Quantile(probability), 1e-8 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Probabilities_outside_the_open_unit_interval_are_refused(double probability)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.Quantile(probability));
    }
}
