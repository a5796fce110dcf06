using System.Globalization;
using Npgsql;

namespace Forecaster.LoadTest;

/// <summary>
/// What the database saw: time spent executing statements (<c>pg_stat_database.active_time</c>, summed over
/// every connection) and the runs recorded so far. The load script reads it before and after each cycle.
/// </summary>
internal static class CycleStatistics
{
    public static async Task<string> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // Statistics are cached per transaction and flushed by backends lazily; clear the snapshot so the figure is current.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT active_time FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'),
                   (SELECT count(*) FROM forecast_runs WHERE status <> 'succeeded'),
                   (SELECT count(*) FROM forecast_runs WHERE warm_started)
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"db_active_ms={reader.GetDouble(0):F0} succeeded={reader.GetInt64(1)} not_succeeded={reader.GetInt64(2)} " +
            $"warm={reader.GetInt64(3)}");
    }
}
