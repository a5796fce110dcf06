using Forecaster.Data.Access;
using Forecaster.Data.Runs;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Accuracy;

/// <summary>
/// The pending score rows a publish leaves behind, in the publish transaction: one per step for what was published
/// and, when demotion published a baseline instead of the gate's candidate, one per step for the candidate's shadow.
/// </summary>
internal static class ScoreSheet
{
    public const string Published = "published";
    public const string Shadow = "shadow";

    /// <summary>The methods that can lose their place to live accuracy (the gate's candidates), as <c>forecast_runs.champion</c> names
    /// them.</summary>
    public const string CandidateMethods = "('rnn', 'linear')";

    public static bool IsCandidate(string? method) => method is "rnn" or "linear";

    private const string InsertSql =
        """
        INSERT INTO forecast_scores (run_id, step, kind, series_key, target_ts, method, forecast,
                                     lower_80, upper_80, lower_95, upper_95, naive_forecast, naive_scale)
        SELECT @run, p.step, p.kind, @series, p.target_ts, p.method, p.value, p.lower_80, p.upper_80, p.lower_95, p.upper_95,
               @origin, @scale
        FROM unnest(@steps, @kinds, @methods, @targets, @values, @lower_80, @upper_80, @lower_95, @upper_95)
             AS p(step, kind, method, target_ts, value, lower_80, upper_80, lower_95, upper_95)
        """;

    public static async Task AddPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, CancellationToken token)
    {
        var rows = publication.Forecasts.Select(point => (Kind: Published, Method: publication.Metrics.Champion, Point: point))
            .Concat((publication.ShadowForecasts ?? []).Select(point => (Kind: Shadow, Method: publication.ShadowMethod, Point: point)))
            .ToArray();
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.AddWithValue("run", publication.RunId);
        command.Parameters.AddWithValue("series", publication.SeriesKey);
        command.Parameters.AddWithValue("origin", NpgsqlDbType.Double, (object?)publication.OriginValue ?? DBNull.Value);
        command.Parameters.AddWithValue("scale", NpgsqlDbType.Double, (object?)publication.NaiveScale ?? DBNull.Value);
        command.Parameters.AddWithValue("steps", rows.Select(row => row.Point.Step).ToArray());
        command.Parameters.AddWithValue("kinds", rows.Select(row => row.Kind).ToArray());
        command.Parameters.AddWithValue("methods", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(row => row.Method).ToArray());
        command.Parameters.AddWithValue("targets", rows.Select(row => UtcTime.Require(row.Point.TargetTimestamp)).ToArray());
        command.Parameters.AddWithValue("values", rows.Select(row => row.Point.Value).ToArray());
        AddBounds(command, "lower_80", rows.Select(row => row.Point.Lower80));
        AddBounds(command, "upper_80", rows.Select(row => row.Point.Upper80));
        AddBounds(command, "lower_95", rows.Select(row => row.Point.Lower95));
        AddBounds(command, "upper_95", rows.Select(row => row.Point.Upper95));
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    private static void AddBounds(NpgsqlCommand command, string name, IEnumerable<double?> bounds) =>
        command.Parameters.AddWithValue(name, NpgsqlDbType.Array | NpgsqlDbType.Double, bounds.ToArray());
}
