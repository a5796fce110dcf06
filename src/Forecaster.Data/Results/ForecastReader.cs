using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Results;

/// <summary>
/// Reads the latest published forecasts. Both queries go through <c>series.latest_run_id</c> (kept by the publish
/// transaction) and the forecasts primary key, so their cost does not grow with the history kept.
/// </summary>
public sealed class ForecastReader
{
    internal const string LatestForSeriesSql =
        $"SELECT {ColumnList} FROM latest_forecasts WHERE series_key = @series ORDER BY step";

    internal const string LatestForAllSql =
        $"SELECT {ColumnList} FROM latest_forecasts ORDER BY series_key, step";

    private const string ColumnList =
        "series_key, run_id, step, target_ts, value, lower_80, upper_80, lower_95, upper_95, published_at, model_version";

    private readonly ForecasterDatabase _database;

    public ForecastReader(ForecasterDatabase database) => _database = database;

    /// <summary>The newest succeeded run's forecast of one series, by step (empty when none was published).</summary>
    public Task<IReadOnlyList<PublishedForecast>> ReadLatestAsync(string seriesKey, CancellationToken cancellationToken) =>
        ReadAsync(LatestForSeriesSql, seriesKey, cancellationToken);

    /// <summary>The newest succeeded run's forecast of every series, by series and step.</summary>
    public Task<IReadOnlyList<PublishedForecast>> ReadLatestForAllAsync(CancellationToken cancellationToken) =>
        ReadAsync(LatestForAllSql, seriesKey: null, cancellationToken);

    private Task<IReadOnlyList<PublishedForecast>> ReadAsync(string sql, string? seriesKey, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync<IReadOnlyList<PublishedForecast>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                if (seriesKey is not null)
                {
                    command.Parameters.AddWithValue("series", seriesKey);
                }

                var rows = new List<PublishedForecast>();
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    rows.Add(new PublishedForecast(
                        reader.GetString(0),
                        reader.GetInt64(1),
                        reader.GetInt32(2),
                        reader.GetFieldValue<DateTime>(3),
                        reader.GetDouble(4),
                        NullableDouble(reader, 5),
                        NullableDouble(reader, 6),
                        NullableDouble(reader, 7),
                        NullableDouble(reader, 8),
                        reader.GetFieldValue<DateTime>(9),
                        reader.IsDBNull(10) ? null : reader.GetInt32(10)));
                }

                return rows;
            },
            cancellationToken).AsTask();

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
