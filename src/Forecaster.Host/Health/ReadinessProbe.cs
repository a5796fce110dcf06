using System.Globalization;
using Forecaster.Data.Migrations;
using Npgsql;

namespace Forecaster.Host.Health;

/// <summary>
/// Ready means this instance could do its work now: the database answers and carries the schema this build
/// expects. Deliberately outside the retry pipeline: a probe must answer within its timeout, not after backoff.
/// </summary>
internal sealed class ReadinessProbe(MigrationLevel migrations)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        int? applied;
        try
        {
            applied = await migrations.ReadAppliedAsync(timeout.Token);
        }
        catch (NpgsqlException e)
        {
            return new HealthReport(false, $"database unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthReport(false, string.Create(CultureInfo.InvariantCulture, $"database did not answer within {Timeout.TotalSeconds} s"));
        }

        var expected = MigrationLevel.Expected;
        return applied switch
        {
            null => new HealthReport(false, $"migration level: database not migrated, expected V{expected}"),
            var level when level < expected => new HealthReport(false, $"migration level: database at V{level}, expected V{expected}"),
            var level => new HealthReport(true, $"database reachable, migration level V{level} (expected V{expected})"),
        };
    }
}
