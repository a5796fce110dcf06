using Forecaster.Host.Configuration;

namespace Forecaster.Host.Tests;

public sealed class SchedulingOptionsTests
{
    [Fact]
    public void Listener_delays_must_be_positive_and_are_reported_with_their_keys()
    {
        var result = new ScheduleOptionsValidator().Validate(
            name: null, new ScheduleOptions { ListenRetryMaxDelay = TimeSpan.Zero, ListenKeepAlive = TimeSpan.FromSeconds(-1) });

        Assert.Collection(
            result.Failures!,
            failure => Assert.StartsWith(
                "Forecaster:Schedule:ListenRetryMaxDelay = '00:00:00': must be a positive",
                failure,
                StringComparison.Ordinal),
            failure => Assert.StartsWith(
                "Forecaster:Schedule:ListenKeepAlive = '-00:00:01': must be a positive",
                failure,
                StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new ScheduleOptionsValidator().Validate(name: null, new ScheduleOptions()).Succeeded);
}
