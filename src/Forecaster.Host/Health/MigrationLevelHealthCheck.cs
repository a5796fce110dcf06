using Forecaster.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Forecaster.Host.Health;

/// <summary>The database carries the schema this build expects: an instance rolled out before its migration ran is not ready.</summary>
internal sealed class MigrationLevelHealthCheck(MigrationLevel migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        AppliedMigrations? applied;
        try
        {
            applied = await migrations.ReadAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"migration level unknown: {e.Message}");
        }

        var expected = MigrationLevel.Expected;
        return applied switch
        {
            null => HealthCheckResult.Unhealthy($"migration level: database not migrated, expected V{expected}"),
            { Level: var level } when level < expected =>
                HealthCheckResult.Unhealthy($"migration level: database at V{level}, expected V{expected}"),
            { Missing.Count: > 0 } => HealthCheckResult.Unhealthy(
                $"migration level: database at V{applied.Level} but lacks {string.Join(", ", applied.Missing.Select(v => "V" + v))}"),
            _ => HealthCheckResult.Healthy($"migration level V{applied.Level} (expected V{expected})"),
        };
    }
}
