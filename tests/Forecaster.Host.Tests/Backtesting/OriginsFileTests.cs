using Forecaster.Core.Backtesting;
using Forecaster.Host.Backtesting;

namespace Forecaster.Host.Tests.Backtesting;

public sealed class OriginsFileTests
{
    private static readonly DateTime January = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_steps_each_row_is_an_origin_with_the_series_horizon()
    {
        var origins = OriginsFile.Parse(
            new StringReader("series_key,origin_ts\na/x,2020-02-01T00:00:00Z\na/x,2020-01-01T00:00:00Z\nb,2020-01-01\n"));

        Assert.Equal([new OriginSpec(January, null), new OriginSpec(January.AddMonths(1), null)], origins["a/x"]);
        Assert.Equal([new OriginSpec(January, null)], origins["b"]);
        Assert.Equal(DateTimeKind.Utc, origins["b"][0].OriginTs.Kind);
    }

    [Fact]
    public void With_steps_the_horizon_is_the_largest_step_of_the_origin()
    {
        const string text = """
            series_key,origin_ts,step,target_ts
            a,2020-01-01T00:00:00Z,1,2020-01-02T00:00:00Z
            a,2020-01-01T00:00:00Z,3,2020-01-06T00:00:00Z
            a,2020-01-01T00:00:00Z,2,2020-01-03T00:00:00Z
            a,2020-01-10T00:00:00Z,1,2020-01-13T00:00:00Z
            """;

        var origins = OriginsFile.Parse(new StringReader(text));

        Assert.Equal([new OriginSpec(January, 3), new OriginSpec(January.AddDays(9), 1)], origins["a"]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("key,origin\n", "Line 1")]
    [InlineData("series_key,origin_ts\na,not-a-time\n", "Line 2")]
    [InlineData("series_key,origin_ts\na\n", "Line 2")]
    [InlineData("series_key,origin_ts,step,target_ts\na,2020-01-01,0,2020-01-02\n", "step")]
    [InlineData("series_key,origin_ts,step,target_ts\na,2020-01-02,1,2020-01-01\n", "after origin_ts")]
    public void Malformed_files_are_refused_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => OriginsFile.Parse(new StringReader(text)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_follow_RFC_4180_and_day_first_dates_are_refused()
    {
        var origins = OriginsFile.Parse(new StringReader("series_key,origin_ts\n\"fx/EUR,USD\",2020-01-01T00:00:00Z\n"));
        var error = Assert.Throws<FormatException>(() => OriginsFile.Parse(new StringReader("series_key,origin_ts\na,1/2/2024\n")));

        Assert.Equal([new OriginSpec(January, null)], origins["fx/EUR,USD"]);
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }
}
