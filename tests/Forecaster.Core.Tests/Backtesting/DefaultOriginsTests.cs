using Forecaster.Core.Backtesting;
using Xunit;

namespace Forecaster.Core.Tests.Backtesting;

public sealed class DefaultOriginsTests
{
    [Fact]
    public void Default_origins_spread_over_the_last_fifteen_percent_leaving_a_full_horizon()
    {
        var origins = DefaultOrigins.Select(pointCount: 1000, horizon: 5);

        Assert.Equal(20, origins.Count);
        Assert.Equal(850, origins[0]);
        Assert.Equal(994, origins[^1]);
        Assert.True(origins.Zip(origins.Skip(1)).All(p => p.Second > p.First));
    }
}
