using System.Data.Common;
using Npgsql;
using Quartz.Impl.AdoJobStore.Common;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Quartz's job store takes its connections from the service's data source instead of opening its own pool on the raw
/// connection string: Npgsql would log, trace and name that pool by a string still holding the SSL Password, and a
/// client certificate would have to be loaded twice.
/// </summary>
internal sealed class DataSourceDbProvider(NpgsqlDataSource dataSource) : DbProvider("Npgsql", dataSource.ConnectionString)
{
    public override DbConnection CreateConnection() => dataSource.CreateConnection();

    /// <summary>The data source belongs to the container, which disposes it.</summary>
    public override void Shutdown()
    {
    }
}
