using System.Diagnostics.Metrics;
using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Host.Tests.Telemetry;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// A series that cannot train waits for changed data or the maximum model age instead of being retried, and
/// recorded, every cycle; only series that were due count as skipped (issue 13, item 8).
/// </summary>
public sealed class UnfitSeriesTests() : DatabaseTest("msft_daily_short.csv")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync(
            """
            INSERT INTO prices VALUES ('short/three', '2026-01-05Z', 1), ('short/three', '2026-01-06Z', 2),
            ('short/three', '2026-01-07Z', 3);
            INSERT INTO prices SELECT 'flat/constant', ts, 100 FROM prices WHERE series_key = 'msft_daily_short/MSFT';
            """);
    }

    private Task<long> RunRowsAsync(string key) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM forecast_runs WHERE series_key = '{key}'");

    [Fact]
    public async Task An_unfit_series_waits_for_changed_data_or_the_maximum_age_and_a_skip_leaves_no_run_row()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "unfit", timeProvider: clock);
        using var capture = new MeterCapture(host.Services.GetRequiredService<IMeterFactory>());

        var first = await host.RunCycleAsync();
        var skippedInFirst = capture.Sum("forecaster.series.outcomes", "outcome", "skipped");
        var second = await host.RunCycleAsync();
        var skippedInSecond = capture.Sum("forecaster.series.outcomes", "outcome", "skipped") - skippedInFirst;

        var outcomes = first.Results.ToDictionary(result => result.SeriesKey, result => (result.Outcome, result.ReasonCode));
        Assert.Equal((SeriesOutcome.Skipped, "series_too_short"), outcomes["short/three"]);
        Assert.Equal((SeriesOutcome.Failed, "constant_series"), outcomes["flat/constant"]);
        Assert.Equal(1, skippedInFirst);
        Assert.Empty(second.Results);
        Assert.Equal(0, skippedInSecond);
        Assert.Equal((0L, 1L), (await RunRowsAsync("short/three"), await RunRowsAsync("flat/constant")));
        Assert.Equal(
            ["series_too_short", "constant_series"],
            (await Database.RowsAsync(
                "SELECT unfit_reason FROM series WHERE series_key IN ('short/three', 'flat/constant') ORDER BY series_key DESC"))
                .Select(row => (string)row[0]!));

        // Changed data: attempted again (still too short). Then nothing changes until the maximum model age has passed.
        await Database.ExecuteAsync("INSERT INTO prices VALUES ('short/three', '2026-01-08Z', 4)");
        var afterNewPoint = await host.RunCycleAsync();
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
        var afterMaxAge = await host.RunCycleAsync();

        Assert.Equal(["short/three"], afterNewPoint.Results.Select(result => result.SeriesKey));
        Assert.Contains(afterMaxAge.Results, result => result is { SeriesKey: "flat/constant", Outcome: SeriesOutcome.Failed });
        Assert.Contains(afterMaxAge.Results, result => result is { SeriesKey: "short/three", Outcome: SeriesOutcome.Skipped });
        Assert.Equal((0L, 2L), (await RunRowsAsync("short/three"), await RunRowsAsync("flat/constant")));
    }

    [Fact]
    public async Task Train_with_series_trains_what_it_is_told_to_even_when_nothing_changed()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "requested");
        const string msft = "msft_daily_short/MSFT";
        await host.RunCycleAsync();

        var requested = await host.Runner.RunCycleAsync("train", progress: null, CancellationToken.None, new HashSet<string> { msft });

        Assert.Equal([(msft, SeriesOutcome.Trained)], requested.Results.Select(result => (result.SeriesKey, result.Outcome)));
        Assert.Equal(
            2L,
            await Database.ScalarAsync<long>($"SELECT count(*) FROM forecast_runs WHERE series_key = '{msft}' AND status = 'succeeded'"));
    }
}
