using Forecaster.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Forecaster.Host.Health;

/// <summary>The database carries the schema this build expects: an instance rolled out before its migration ran is not ready.</summary>
internal sealed class MigrationLevelHealthCheck(MigrationLevel migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int? applied;
        try
        {
            applied = await migrations.ReadAppliedAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"migration level unknown: {e.Message}");
        }

        var expected = MigrationLevel.Expected;
        return applied switch
        {
            null => HealthCheckResult.Unhealthy($"migration level: database not migrated, expected V{expected}"),
            var level when level < expected => HealthCheckResult.Unhealthy($"migration level: database at V{level}, expected V{expected}"),
            var level => HealthCheckResult.Healthy($"migration level V{level} (expected V{expected})"),
        };
    }
}
