using Forecaster.Data.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Forecaster.Host.Health;

/// <summary>The database answers a query now; its message (never the connection string) says why not.</summary>
internal sealed class DatabaseHealthCheck(ForecasterDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {e.Message}");
        }
    }
}
