using Npgsql;

namespace Forecaster.LoadTest;

/// <summary>A fresh, empty database per load size, so cold means cold: no models, no runs.</summary>
internal static class LoadDatabase
{
    /// <summary>Drops and creates <paramref name="name"/> and returns the connection string pointing at it.</summary>
    public static async Task<string> RecreateAsync(string adminConnectionString, string name)
    {
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", $"CREATE DATABASE {quoted}" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }
}
