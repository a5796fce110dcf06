using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Data.Tests;

/// <summary>
/// Claims bound to their instance's database session (V7): they return the moment that session ends (the process
/// died), not when their lease runs out; claims made without the lock keep the plain lease.
/// </summary>
public sealed class InstanceLockTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime OneMinuteLater = Now.AddMinutes(1);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private SeriesScheduler Scheduler => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    [Fact]
    public async Task A_claim_made_under_the_instance_lock_returns_as_soon_as_its_session_ends()
    {
        await AddDueSeriesAsync(2);
        var doomed = await HoldLockAsync("node-a");
        await Scheduler.ClaimDueAsync("node-a", 2, Lease, Now, CancellationToken.None);
        var orphan = await Publishing.StartAsync(Data, "s0001", "node-a", at: Now);

        var whileAlive = await Scheduler.ClaimDueAsync("node-b", 10, Lease, OneMinuteLater, CancellationToken.None);
        await EndSessionAsync(doomed, "node-a");
        var afterDeath = await Scheduler.ClaimDueAsync("node-b", 10, Lease, OneMinuteLater, CancellationToken.None);

        Assert.Empty(whileAlive);
        Assert.Equal(["s0001", "s0002"], afterDeath.Select(series => series.SeriesKey));
        var run = await new RunStore(Data).GetRunAsync(orphan, CancellationToken.None);
        Assert.Equal((RunStatus.Failed, "lease_expired"), (run!.Status, run.ReasonCode));
    }

    [Fact]
    public async Task A_claim_made_without_the_lock_keeps_its_lease_and_a_holder_never_takes_back_its_own()
    {
        await AddDueSeriesAsync(1);
        await Scheduler.ClaimDueAsync("node-a", 1, Lease, Now, CancellationToken.None);

        var byOther = await Scheduler.ClaimDueAsync("node-b", 1, Lease, OneMinuteLater, CancellationToken.None);
        var bySelf = await Scheduler.ClaimDueAsync("node-a", 1, Lease, OneMinuteLater, CancellationToken.None);
        var afterLease = await Scheduler.ClaimDueAsync("node-b", 1, Lease, Now + Lease + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(byOther);
        Assert.Empty(bySelf);
        Assert.Equal("s0001", Assert.Single(afterLease).SeriesKey);
    }

    [Fact]
    public async Task A_renewal_without_the_lock_falls_back_to_the_lease()
    {
        await AddDueSeriesAsync(1);
        var held = await HoldLockAsync("node-a");
        await Scheduler.ClaimDueAsync("node-a", 1, Lease, Now, CancellationToken.None);
        await EndSessionAsync(held, "node-a");

        // node-a lost its connection and renews before it holds its lock again: the claim must not look abandoned.
        await Scheduler.RenewLeaseAsync("node-a", "s0001", Lease, OneMinuteLater, CancellationToken.None);
        var byOther = await Scheduler.ClaimDueAsync("node-b", 1, Lease, OneMinuteLater.AddSeconds(1), CancellationToken.None);

        Assert.Empty(byOther);
    }

    [Fact]
    public async Task One_instance_id_is_locked_by_one_session_at_a_time()
    {
        var first = await InstanceLock.TryAcquireAsync(Data, "node-a", CancellationToken.None);
        var second = await InstanceLock.TryAcquireAsync(Data, "node-a", CancellationToken.None);
        var other = await InstanceLock.TryAcquireAsync(Data, "node-b", CancellationToken.None);
        await first!.DisposeAsync();
        var afterRelease = await InstanceLock.TryAcquireAsync(Data, "node-a", CancellationToken.None);

        Assert.Null(second);
        Assert.NotNull(other);
        Assert.NotNull(afterRelease);
        Assert.True(await afterRelease.IsHeldAsync(CancellationToken.None));
        await other.DisposeAsync();
        await afterRelease.DisposeAsync();
    }

    [Fact]
    public async Task A_restarted_process_with_the_same_id_releases_what_its_earlier_process_left_claimed()
    {
        await AddDueSeriesAsync(2);
        await Scheduler.ClaimDueAsync("node-a", 1, Lease, Now, CancellationToken.None);
        await Scheduler.ClaimDueAsync("node-b", 1, Lease, Now, CancellationToken.None);
        var orphan = await Publishing.StartAsync(Data, "s0001", "node-a", at: Now);

        var released = await Scheduler.ReleaseClaimsOfEarlierProcessAsync("node-a", OneMinuteLater, CancellationToken.None);

        Assert.Equal(1, released);
        var series = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey);
        Assert.Null(series["s0001"].ClaimedBy);
        Assert.Equal("node-b", series["s0002"].ClaimedBy);
        Assert.Equal(RunStatus.Failed, (await new RunStore(Data).GetRunAsync(orphan, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Held_series_are_those_another_live_instance_holds()
    {
        await AddDueSeriesAsync(4);
        var alive = await HoldLockAsync("alive");
        var dead = await HoldLockAsync("dead");
        await Scheduler.ClaimDueAsync("alive", 1, Lease, Now, CancellationToken.None);
        await Scheduler.ClaimDueAsync("dead", 1, Lease, Now, CancellationToken.None);
        await Scheduler.ClaimDueAsync("unlocked", 1, Lease, Now, CancellationToken.None);
        await Scheduler.ClaimDueAsync("me", 1, Lease, Now, CancellationToken.None);
        await EndSessionAsync(dead, "dead");

        var due = await Scheduler.ListHeldByOthersAsync("me", OneMinuteLater, onlyKeys: null, CancellationToken.None);
        var asked = await Scheduler.ListHeldByOthersAsync("me", OneMinuteLater, ["s0001", "s0004"], CancellationToken.None);
        var afterLease = await Scheduler.ListHeldByOthersAsync(
            "me", Now + Lease + TimeSpan.FromSeconds(1), onlyKeys: null, CancellationToken.None);

        Assert.Equal([("s0001", "alive"), ("s0003", "unlocked")], due.Select(series => (series.SeriesKey, series.ClaimedBy)));
        Assert.Equal(["s0001"], asked.Select(series => series.SeriesKey));
        Assert.Equal(Now + Lease, due[0].LeaseExpiresAt);
        Assert.Empty(afterLease);
        await alive.DisposeAsync();
    }

    private Task<int> AddDueSeriesAsync(int count) =>
        Database.ExecuteAsync(
            $"INSERT INTO series (series_key, next_due_at) SELECT 's' || lpad(i::text, 4, '0'), timestamptz '2026-03-02 " +
            $"11:00Z' + i * interval '1 s' FROM generate_series(1, {count}) i");

    /// <summary>Closes the session and waits for the server to notice: the backend ends (and drops its locks) just after.</summary>
    private async Task EndSessionAsync(NpgsqlConnection session, string instance)
    {
        await session.DisposeAsync();
        await Eventually.WaitUntilAsync(
            async () => !await Database.ScalarAsync<bool>($"SELECT forecaster_instance_alive('{instance}')"),
            TimeSpan.FromSeconds(30),
            $"the lock of {instance} to be released");
    }

    /// <summary>
    /// An instance's lock on a session of its own without pooling: disposing it ends the session, as a killed process's
    /// would.
    /// </summary>
    private async Task<NpgsqlConnection> HoldLockAsync(string instance)
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT forecaster_try_lock_instance(@instance)", connection);
        command.Parameters.AddWithValue("instance", instance);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
        return connection;
    }
}
