using Forecaster.Core.Pipeline;
using Forecaster.Core.Validation;
using Xunit;

namespace Forecaster.Core.Tests.Pipeline;

public sealed class HistoryCleanerTests
{
    private static readonly DateTime Start = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime[] Days(int count) => Enumerable.Range(0, count).Select(day => Start.AddDays(day)).ToArray();

    [Fact]
    public void Invalid_values_within_the_allowed_share_are_dropped_and_counted()
    {
        double[] values = [10, double.NaN, 11, 0, 12, double.PositiveInfinity, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26];

        var clean = HistoryCleaner.Clean(Days(values.Length), values, new CleaningPolicy(MaxInvalidShare: 0.2));

        Assert.Equal(3, clean.DroppedInvalid);
        Assert.Equal(values.Length - 3, clean.Values.Length);
        Assert.All(clean.Values, value => Assert.True(double.IsFinite(value) && value > 0));
        Assert.True(clean.Repaired);
    }

    [Fact]
    public void Fail_policy_rejects_the_first_invalid_value()
    {
        var error = Assert.Throws<ForecastInputException>(() => HistoryCleaner.Clean(
            Days(3), [1, -2, 3], new CleaningPolicy(InvalidValuePolicy.FailRun)));

        Assert.Equal((ForecastInputError.InvalidValues, 1), (error.Reason, error.ValueIndex));
        Assert.Contains("-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_timestamps_keep_the_last_value_read_and_rows_come_out_in_time_order()
    {
        DateTime[] stamps = [Start.AddDays(2), Start, Start.AddDays(1), Start];

        var clean = HistoryCleaner.Clean(stamps, [30, 10, 20, 11], new CleaningPolicy());

        Assert.Equal([Start, Start.AddDays(1), Start.AddDays(2)], clean.Timestamps);
        Assert.Equal([11, 20, 30], clean.Values);
        Assert.Equal(1, clean.MergedDuplicates);
    }

    [Fact]
    public void Fewer_than_two_usable_points_skip_the_series()
    {
        var error = Assert.Throws<ForecastInputException>(
            () => HistoryCleaner.Clean(Days(2), [5, double.NaN], new CleaningPolicy(MaxInvalidShare: 0.9)));

        Assert.Equal(ForecastInputError.SeriesTooShort, error.Reason);
    }
}
