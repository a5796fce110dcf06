using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests.Support;

/// <summary>A fresh migrated database on the shared test server, seeded with bundled real price files.</summary>
internal static class SeededDatabase
{
    public static async Task<TestDatabase> CreateAsync(params string[] dataFiles)
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await database.MigrateAsync();
        await ImportAsync(database.ConnectionString, dataFiles);
        return database;
    }

    public static async Task ImportAsync(string connectionString, params string[] dataFiles)
    {
        await using var handle = ForecasterDatabase.Create(connectionString);
        var importer = new PriceImporter(handle);
        foreach (var file in dataFiles)
        {
            var report = await importer.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data", file), columns: null, CancellationToken.None);
            Assert.Equal(0, report.RejectedCount);
        }
    }

    /// <summary>Every row of a query, as objects, for assertions on what the service wrote.</summary>
    public static async Task<List<object?[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static Task<List<object?[]>> RowsAsync(this TestDatabase database, string sql) => RowsAsync(database.ConnectionString, sql);
}
