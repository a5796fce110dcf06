using Forecaster.Core.Calendar;
using Forecaster.Core.Seasonality;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Seasonality;

public sealed class SeasonCandidatesTests
{
    [Theory]
    [InlineData(60, new[] { 24.0, 168.0 })] // hourly: a day and a week
    [InlineData(30, new[] { 48.0, 336.0 })] // half-hourly
    [InlineData(240, new[] { 6.0, 42.0 })] // four-hourly
    [InlineData(1440, new[] { 7.0 })] // daily: a week
    public void Fixed_intervals_get_the_day_and_week_that_fit_them(int minutes, double[] expected)
    {
        var stamps = SmallPipeline.Stamps(2000, TimeSpan.FromMinutes(minutes));

        Assert.Equal(expected, SeasonCandidates.For(new FixedIntervalCadence(TimeSpan.FromMinutes(minutes), "test"), stamps));
    }

    [Fact]
    public void Intraday_bars_without_weekends_have_a_five_day_week()
    {
        var stamps = SmallPipeline.Stamps(4000,
            TimeSpan.FromMinutes(30)).Where(s => s.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToArray();

        Assert.Equal([48.0, 240.0], SeasonCandidates.For(new FixedIntervalCadence(TimeSpan.FromMinutes(30), "test"), stamps));
    }

    [Fact]
    public void Calendar_cadences_get_their_year_or_week()
    {
        DateTime[] none = [];

        Assert.Equal([5.0], SeasonCandidates.For(WeekdayCadence.Instance, none));
        Assert.Equal([12.0], SeasonCandidates.For(new CalendarMonthsCadence(1, MonthAnchor.FirstDay), none));
        Assert.Equal([4.0], SeasonCandidates.For(new CalendarMonthsCadence(3, MonthAnchor.LastDay), none));
        Assert.Equal(365.25 / 7, Assert.Single(SeasonCandidates.For(new FixedIntervalCadence(TimeSpan.FromDays(7), "test"), none)), 12);
        Assert.Empty(SeasonCandidates.For(new CalendarMonthsCadence(12, MonthAnchor.FirstDay), none));
        Assert.Empty(SeasonCandidates.For(new FixedIntervalCadence(TimeSpan.FromMinutes(7), "irregular ticks"), none));
    }

    [Fact]
    public void A_season_of_weekly_data_is_a_year_and_not_a_whole_number()
    {
        var season = new Season(365.25 / 7);

        Assert.Equal(52, season.Lag);
        Assert.NotEqual(52, season.Period);
    }
}
