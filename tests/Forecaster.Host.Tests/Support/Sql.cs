using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Host.Tests.Support;

/// <summary>Reads query results as rows of objects, for assertions on what the service wrote.</summary>
internal static class Sql
{
    public static async Task<List<object?[]>> RowsAsync(this TestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
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
}
