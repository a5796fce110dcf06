using Forecaster.Data.Access;
using Forecaster.Data.Migrations;
using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Forecaster.Host.Health;
using Forecaster.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Forecaster.Host.Tests.Telemetry;

/// <summary>Each readiness check against the state it must notice, on a real database where it reads one.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_migrated_database_passes_the_database_and_migration_checks()
    {
        await using var database = await SeededDatabase.CreateAsync();
        await using var data = ForecasterDatabase.Create(database.ConnectionString);

        var reachable = await CheckAsync(new DatabaseHealthCheck(data));
        var migrated = await CheckAsync(new MigrationLevelHealthCheck(new MigrationLevel(data)));

        Assert.Equal((HealthStatus.Healthy, "database reachable"), (reachable.Status, reachable.Description));
        Assert.Equal(HealthStatus.Healthy, migrated.Status);
        Assert.Contains($"V{MigrationLevel.Expected}", migrated.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmigrated_database_is_reachable_but_fails_the_migration_check()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var data = ForecasterDatabase.Create(database.ConnectionString);

        var migrated = await CheckAsync(new MigrationLevelHealthCheck(new MigrationLevel(data)));

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(new DatabaseHealthCheck(data))).Status);
        Assert.Equal(
            (HealthStatus.Unhealthy, $"migration level: database not migrated, expected V{MigrationLevel.Expected}"),
            (migrated.Status, migrated.Description));
    }

    [Fact]
    public async Task A_database_behind_the_builds_migrations_fails_the_migration_check()
    {
        await using var database = await SeededDatabase.CreateAsync();
        var latest = MigrationLevel.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await database.ExecuteAsync($"DELETE FROM changelog WHERE type = 0 AND version = '{latest}'");
        var below = await database.ScalarAsync<string>("SELECT max(split_part(version, '.', 1)::int)::text FROM changelog WHERE type = 0");
        await using var data = ForecasterDatabase.Create(database.ConnectionString);

        var migrated = await CheckAsync(new MigrationLevelHealthCheck(new MigrationLevel(data)));

        Assert.Equal(
            (HealthStatus.Unhealthy, $"migration level: database at V{below}, expected V{MigrationLevel.Expected}"),
            (migrated.Status, migrated.Description));
    }

    [Fact]
    public async Task A_database_that_missed_an_older_migration_fails_the_migration_check_naming_it()
    {
        await using var database = await SeededDatabase.CreateAsync();
        await database.ExecuteAsync("DELETE FROM changelog WHERE type = 0 AND version = '7'");
        await using var data = ForecasterDatabase.Create(database.ConnectionString);

        var migrated = await CheckAsync(new MigrationLevelHealthCheck(new MigrationLevel(data)));

        Assert.Equal(HealthStatus.Unhealthy, migrated.Status);
        Assert.Equal($"migration level: database at V{MigrationLevel.Expected} but lacks V7", migrated.Description);
    }

    [Fact]
    public async Task An_unreachable_database_fails_both_database_checks_without_the_password()
    {
        await using var data = ForecasterDatabase.Create(
            $"Host=127.0.0.1;Port={FreePort.Loopback()};Username=nobody;Password=Sentinel4f1;Database=none;Timeout=3");

        var reachable = await CheckAsync(new DatabaseHealthCheck(data));
        var migrated = await CheckAsync(new MigrationLevelHealthCheck(new MigrationLevel(data)));

        Assert.Equal(HealthStatus.Unhealthy, reachable.Status);
        Assert.StartsWith("database unreachable: Failed to connect to 127.0.0.1:", reachable.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, migrated.Status);
        Assert.DoesNotContain("Sentinel4f1", reachable.Description + migrated.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cycle_check_fails_after_three_silent_poll_intervals_and_passes_while_a_cycle_runs()
    {
        var clock = new FakeTimeProvider();
        var activity = new CycleActivity(clock);
        var check = new CycleHealthCheck(activity, Options.Create(new WorkerOptions { PollInterval = TimeSpan.FromMinutes(1) }));

        clock.Advance(TimeSpan.FromMinutes(3));
        var justInTime = await CheckAsync(check);
        clock.Advance(TimeSpan.FromSeconds(1));
        var silent = await CheckAsync(check);
        HealthCheckResult running;
        using (var pass = activity.Begin())
        {
            clock.Advance(TimeSpan.FromHours(1));
            running = await CheckAsync(check);
            pass.Completed();
        }

        var afterPass = await CheckAsync(check);
        using (activity.Begin())
        {
            // A pass that throws never calls Completed: it is no sign of life.
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        var failedPass = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, justInTime.Status);
        Assert.Equal(
            (HealthStatus.Unhealthy, "no cycle or queue poll finished for 00:03:01 (limit 00:03:00)"),
            (silent.Status, silent.Description));
        Assert.Equal((HealthStatus.Healthy, "cycle running"), (running.Status, running.Description));
        Assert.Equal((HealthStatus.Healthy, "last cycle or queue poll finished 00:00:00 ago"), (afterPass.Status, afterPass.Description));
        Assert.Equal(HealthStatus.Unhealthy, failedPass.Status);
    }

    [Fact]
    public void The_cycle_limit_is_at_least_a_minute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), CycleHealthCheck.Limit(TimeSpan.FromSeconds(15)));
        Assert.Equal(TimeSpan.FromMinutes(6), CycleHealthCheck.Limit(TimeSpan.FromMinutes(2)));
    }

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("test", check, null, null) });
}
