using System.Data.Common;
using Forecaster.Data.Access;
using Npgsql;
using Quartz.Impl.AdoJobStore.Common;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Quartz's job store gets its connections from a data source built like the service's own (a pool of its own, as
/// Quartz had, so its clustering check-ins never take the service's connections), not from the raw connection string:
/// Npgsql would trace and name that pool by a string still holding the SSL Password, and could not be given the client
/// certificate the service loads.
/// </summary>
internal sealed class DataSourceDbProvider(string connectionString)
    : DbProvider("Npgsql", ConnectionStringSecrets.Redact(connectionString))
{
    private readonly NpgsqlDataSource _dataSource = ConnectionStringSecrets.DataSourceBuilder(connectionString).Build();

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override void Shutdown() => _dataSource.Dispose();
}
