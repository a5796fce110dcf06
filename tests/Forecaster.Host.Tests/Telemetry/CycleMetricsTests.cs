using System.Diagnostics.Metrics;
using Forecaster.Data.Access;
using Forecaster.Data.Sources;
using Forecaster.Host.Cycle;
using Forecaster.Host.Telemetry;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forecaster.Host.Tests.Telemetry;

public sealed class CycleMetricsTests() : DatabaseTest(DataFiles)
{
    private static readonly string[] DataFiles = ["msft_daily_short.csv", "wheat_annual.csv"];
    private const int SeriesCount = 2;

    [Fact]
    public async Task A_cycle_emits_each_training_and_cycle_metric_once_per_series_with_plausible_values()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "metrics");
        using var capture = new MeterCapture(host.Services.GetRequiredService<IMeterFactory>());

        var summary = await host.RunCycleAsync();

        Assert.Equal(SeriesCount, summary.Count(SeriesOutcome.Trained));
        Assert.Equal(SeriesCount, capture.Sum("forecaster.series.outcomes", "outcome", "trained"));
        Assert.Equal(0, capture.Sum("forecaster.series.outcomes", "outcome", "failed"));
        Assert.Equal(SeriesCount * TestHost.Horizon, capture.Sum("forecaster.forecast.points"));
        Assert.Equal(SeriesCount, await Database.ScalarAsync<long>("SELECT count(DISTINCT series_key) FROM latest_forecasts"));
        foreach (var positive in new[] {
            "forecaster.training.duration",
            "forecaster.training.epochs",
            "forecaster.training.windows_per_second",
            "forecaster.training.train_loss",
            "forecaster.training.validation_loss",
            "forecaster.training.validation_mae",
            "forecaster.training.validation_mase" })
        {
            var values = capture.Values(positive);
            Assert.True(values.Count == SeriesCount, $"{positive}: {values.Count} measurements");
            Assert.All(values, value => Assert.True(double.IsFinite(value) && value > 0, $"{positive} = {value}"));
        }

        var cycle = Assert.Single(capture.Values("forecaster.cycle.duration"));
        Assert.InRange(cycle, capture.Values("forecaster.training.duration").Max(), 600);
        var sinceSuccess = Assert.Single(capture.Observe("forecaster.cycle.since_last_success"));
        Assert.InRange(sinceSuccess, 0, 600);
    }

    [Fact]
    public async Task Data_lag_is_the_age_of_the_newest_point_of_the_series_furthest_behind_and_keeps_ageing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "lag", timeProvider: clock);
        using var capture = new MeterCapture(host.Services.GetRequiredService<IMeterFactory>());
        Assert.Empty(capture.Observe("forecaster.data.lag"));

        await host.Services.GetRequiredService<DataLagMonitor>().RefreshAsync(CancellationToken.None);

        var stalest = await Database.ScalarAsync<DateTime>(
            "SELECT min(newest) FROM (SELECT max(ts) AS newest FROM prices GROUP BY series_key) s");
        Assert.Equal((clock.GetUtcNow().UtcDateTime - stalest).TotalSeconds, Assert.Single(capture.Observe("forecaster.data.lag")), 6);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((clock.GetUtcNow().UtcDateTime - stalest).TotalSeconds, Assert.Single(capture.Observe("forecaster.data.lag")), 6);
    }

    [Fact]
    public async Task Relative_data_lag_counts_the_spacings_the_most_overdue_series_is_behind_so_an_old_annual_series_does_not_dominate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "relative-lag", timeProvider: clock);
        using var capture = new MeterCapture(host.Services.GetRequiredService<IMeterFactory>());
        var monitor = host.Services.GetRequiredService<DataLagMonitor>();
        Assert.Empty(capture.Observe("forecaster.data.relative_lag"));

        await monitor.RefreshAsync(CancellationToken.None);

        // The weekday series' last eleven points straddle the 9/11 market closure, yet its median gap is one day;
        // wheat's newest point is 130 years older but only ~158 of its yearly spacings behind.
        var weekdayNewest = await Database.ScalarAsync<DateTime>("SELECT max(ts) FROM prices WHERE series_key LIKE 'msft_daily_short/%'");
        Assert.Equal(
            (clock.GetUtcNow().UtcDateTime - weekdayNewest).TotalDays,
            Assert.Single(capture.Observe("forecaster.data.relative_lag")),
            6);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(
            (clock.GetUtcNow().UtcDateTime - weekdayNewest).TotalDays,
            Assert.Single(capture.Observe("forecaster.data.relative_lag")),
            6);

        // One point each leaves no spacing: the relative gauge goes quiet, the plain one still reports the age.
        await Database.ExecuteAsync("DELETE FROM prices p WHERE ts < (SELECT max(ts) FROM prices q WHERE q.series_key = p.series_key)");
        await monitor.RefreshAsync(CancellationToken.None);
        Assert.Empty(capture.Observe("forecaster.data.relative_lag"));
        Assert.Single(capture.Observe("forecaster.data.lag"));
    }

    [Fact]
    public async Task A_terminated_connection_is_counted_as_a_retry_and_a_permanent_failure_as_an_error()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "db-errors");
        using var capture = new MeterCapture(host.Services.GetRequiredService<IMeterFactory>());
        var source = host.Services.GetRequiredService<PriceSource>();
        await source.ReadRecencyAsync(CancellationToken.None);

        // The host's pooled connections die under it, as in a server restart or a failover.
        await Database.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var newest = await source.ReadRecencyAsync(CancellationToken.None);

        Assert.Equal(SeriesCount, newest.Count);
        Assert.True(capture.Sum("forecaster.db.retries") >= 1, "no retry counted");
        Assert.Equal(0, capture.Sum("forecaster.db.errors"));

        var missing = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = Database.Name + "_missing" }
            .ConnectionString;
        await using var absent = ForecasterDatabase.Create(missing, failures: host.Services.GetRequiredService<ForecasterTelemetry>());
        await Assert.ThrowsAsync<Npgsql.PostgresException>(
            () => new PriceSource(absent, PriceSourceOptions.Default).ReadRecencyAsync(CancellationToken.None));
        Assert.Equal(1, capture.Sum("forecaster.db.errors", "error.type", "3D000"));
    }
}
