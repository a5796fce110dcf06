using Forecaster.Data.Access;
using Forecaster.Data.Scheduling;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Accuracy;

/// <summary>
/// Live accuracy of the published forecasts for people without a dashboard (<c>forecaster accuracy</c>): per series,
/// per family (the key before '/') and overall, over every retained step whose target was reached.
/// </summary>
public sealed class AccuracyReader
{
    internal static readonly string SummarySql = $"""
        SELECT CASE WHEN grouping(sc.series_key) = 0 THEN 'series' WHEN grouping(sc.family) = 0 THEN 'family' ELSE 'all' END AS level,
               coalesce(sc.series_key, sc.family, 'all') AS scope,
               count(*) FILTER (WHERE sc.status = 'scored'),
               count(*) FILTER (WHERE sc.status = 'missing'),
               avg(sc.abs_error),
               avg(sc.scaled_error) FILTER (WHERE sc.naive_scaled_error IS NOT NULL),
               avg(sc.naive_scaled_error) FILTER (WHERE sc.scaled_error IS NOT NULL),
               avg(sc.covered_80::integer)::double precision,
               avg(sc.covered_95::integer)::double precision,
               max(sc.target_ts) FILTER (WHERE sc.status = 'scored')
        FROM (SELECT f.*, split_part(f.series_key, '/', 1) AS family FROM forecast_scores f
              WHERE f.kind = 'published' AND f.status <> 'pending' AND f.target_ts >= @since AND {SeriesKeyFilter.Sql("f.series_key")}) sc
        GROUP BY GROUPING SETS ((sc.series_key), (sc.family), ())
        HAVING count(*) > 0
        ORDER BY grouping(sc.series_key), grouping(sc.family), 2
        """;

    private readonly ForecasterDatabase _database;

    public AccuracyReader(ForecasterDatabase database) => _database = database;

    /// <param name="onlyKeys">Only these series; null for all.</param>
    /// <param name="since">Only targets at or after this UTC time; null for the whole retained window.</param>
    public Task<IReadOnlyList<AccuracySummary>> ReadAsync(
        IReadOnlyCollection<string>? onlyKeys,
        DateTime? since,
        CancellationToken cancellationToken) =>
        _database.WithConnectionAsync<IReadOnlyList<AccuracySummary>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(SummarySql, connection);
                command.Parameters.AddWithValue(
                    "since",
                    NpgsqlDbType.TimestampTz,
                    since is { } from ? UtcTime.Require(from) : DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
                SeriesKeyFilter.AddParameter(command, onlyKeys);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var rows = new List<AccuracySummary>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    rows.Add(new AccuracySummary(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        reader.GetInt64(3),
                        Nullable(reader, 4),
                        Nullable(reader, 5),
                        Nullable(reader, 6),
                        Nullable(reader, 7),
                        Nullable(reader, 8),
                        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTime>(9)));
                }

                return rows;
            },
            cancellationToken).AsTask();

    private static double? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}

/// <summary>
/// One line of the accuracy report. <see cref="Level"/> is <c>series</c>, <c>family</c> or <c>all</c>; MASE and naive's
/// MASE are over the same steps (those whose run recorded a naive scale); coverage is the share of scored steps inside
/// their interval.
/// </summary>
public sealed record AccuracySummary(
    string Level,
    string Scope,
    long Scored,
    long Missing,
    double? Mae,
    double? Mase,
    double? NaiveMase,
    double? Coverage80,
    double? Coverage95,
    DateTime? LastScored)
{
    public double? RelativeMase => Mase is { } mase && NaiveMase is { } naive && naive > 0 ? mase / naive : null;
}
