using Forecaster.Data.Access;
using Forecaster.Data.Accuracy;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Runs;

/// <summary>The statements of one publish, all inside the caller's transaction.</summary>
internal static class RunPublisher
{
    public static async Task<int> PublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, CancellationToken token)
    {
        await LockSeriesForPublishAsync(connection, transaction, publication, token).ConfigureAwait(false);
        var modelVersion = await CompleteRunAsync(connection, transaction, publication, token).ConfigureAwait(false);
        await CopyForecastsAsync(connection, publication, token).ConfigureAwait(false);
        await ScoreSheet.AddPendingAsync(connection, transaction, publication, token).ConfigureAwait(false);
        await StoreModelAsync(connection, transaction, publication, modelVersion, token).ConfigureAwait(false);
        await PointSeriesAtRunAsync(connection, transaction, publication, token).ConfigureAwait(false);
        return modelVersion;
    }

    /// <summary>
    /// Row-locks the series so the claim check, the model version and the series update see one state, and
    /// refuses to publish over another instance's claim (this one's lease expired and was taken over).
    /// </summary>
    private static async Task LockSeriesForPublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            "SELECT claimed_by FROM series WHERE series_key = @series FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("series", publication.SeriesKey);
        var claimedBy = await command.ExecuteScalarAsync(token).ConfigureAwait(false);
        if (claimedBy is null)
        {
            throw new InvalidOperationException($"Series '{publication.SeriesKey}' does not exist.");
        }

        if (claimedBy is string holder && holder != publication.InstanceId)
        {
            throw new LeaseLostException(publication.SeriesKey, publication.InstanceId);
        }
    }

    private static async Task<int> CompleteRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, CancellationToken token)
    {
        var metrics = publication.Metrics;
        await using var command = new NpgsqlCommand(
            """
            UPDATE forecast_runs
            SET status = 'succeeded', finished_at = @finished, data_watermark = @watermark, points_used = @points,
                epochs = @epochs, train_loss = @train_loss, val_loss = @val_loss, val_mae = @val_mae,
                val_rmse = @val_rmse, val_mase = @val_mase, warm_started = @warm,
                champion = @champion, champion_margin = @champion_margin, season_length = @season_length,
                origin_value = @origin_value, naive_scale = @naive_scale, reason_code = @reason,
                model_version = (SELECT coalesce(max(version), 0) + 1 FROM models WHERE series_key = @series)
            WHERE run_id = @run AND series_key = @series AND status = 'running'
            RETURNING model_version
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("finished", UtcTime.Require(publication.FinishedAt));
        command.Parameters.AddWithValue("watermark", UtcTime.Require(publication.DataWatermark));
        command.Parameters.AddWithValue("points", publication.PointsUsed);
        command.Parameters.AddWithValue("epochs", metrics.Epochs);
        AddNullable(command, "train_loss", metrics.TrainLoss);
        AddNullable(command, "val_loss", metrics.ValidationLoss);
        AddNullable(command, "val_mae", metrics.ValidationMae);
        AddNullable(command, "val_rmse", metrics.ValidationRmse);
        AddNullable(command, "val_mase", metrics.ValidationMase);
        command.Parameters.AddWithValue("warm", publication.WarmStarted);
        command.Parameters.AddWithValue("champion", NpgsqlDbType.Text, (object?)metrics.Champion ?? DBNull.Value);
        AddNullable(command, "champion_margin", metrics.ChampionMargin);
        command.Parameters.AddWithValue("season_length", NpgsqlDbType.Integer, (object?)metrics.SeasonLength ?? DBNull.Value);
        AddNullable(command, "origin_value", publication.OriginValue);
        AddNullable(command, "naive_scale", publication.NaiveScale);
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)publication.ReasonCode ?? DBNull.Value);
        command.Parameters.AddWithValue("run", publication.RunId);
        command.Parameters.AddWithValue("series", publication.SeriesKey);
        return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is int version
            ? version
            : throw new InvalidOperationException(
                $"Run {publication.RunId} of '{publication.SeriesKey}' is not running; it cannot be published.");
    }

    private static async Task CopyForecastsAsync(NpgsqlConnection connection, RunPublication publication, CancellationToken token)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
                """
                COPY forecasts (run_id, step, series_key, target_ts, value, lower_80, upper_80, lower_95, upper_95)
                FROM STDIN (FORMAT BINARY)
                """,
                token)
            .ConfigureAwait(false);
        foreach (var point in publication.Forecasts)
        {
            await writer.StartRowAsync(token).ConfigureAwait(false);
            await writer.WriteAsync(publication.RunId, NpgsqlDbType.Bigint, token).ConfigureAwait(false);
            await writer.WriteAsync(point.Step, NpgsqlDbType.Integer, token).ConfigureAwait(false);
            await writer.WriteAsync(publication.SeriesKey, NpgsqlDbType.Text, token).ConfigureAwait(false);
            await writer.WriteAsync(UtcTime.Require(point.TargetTimestamp), NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
            await writer.WriteAsync(point.Value, NpgsqlDbType.Double, token).ConfigureAwait(false);
            await WriteNullableAsync(writer, point.Lower80, token).ConfigureAwait(false);
            await WriteNullableAsync(writer, point.Upper80, token).ConfigureAwait(false);
            await WriteNullableAsync(writer, point.Lower95, token).ConfigureAwait(false);
            await WriteNullableAsync(writer, point.Upper95, token).ConfigureAwait(false);
        }

        // Without Complete the COPY is rolled back when the writer is disposed.
        await writer.CompleteAsync(token).ConfigureAwait(false);
    }

    private static async Task StoreModelAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, int modelVersion, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO models (series_key, version, format_version, run_id, created_at, blob)
            VALUES (@series, @version, @format, @run, @created, @blob)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("series", publication.SeriesKey);
        command.Parameters.AddWithValue("version", modelVersion);
        command.Parameters.AddWithValue("format", publication.ModelFormatVersion);
        command.Parameters.AddWithValue("run", publication.RunId);
        command.Parameters.AddWithValue("created", UtcTime.Require(publication.FinishedAt));
        command.Parameters.AddWithValue("blob", publication.ModelBlob);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    private static async Task PointSeriesAtRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunPublication publication, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE series
            SET latest_run_id = @run, last_watermark = @watermark, last_trained_at = @finished,
                attempted_version = greatest(attempted_version, @inputs_version),
                unfit_at = NULL, unfit_watermark = NULL, unfit_reason = NULL, unfit_detail = NULL
            WHERE series_key = @series
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("run", publication.RunId);
        command.Parameters.AddWithValue("watermark", UtcTime.Require(publication.DataWatermark));
        command.Parameters.AddWithValue("finished", UtcTime.Require(publication.FinishedAt));
        command.Parameters.AddWithValue("inputs_version", publication.InputsVersion);
        command.Parameters.AddWithValue("series", publication.SeriesKey);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        await RunStore.ReleaseSeriesAsync(
            connection,
            transaction,
            publication.SeriesKey,
            publication.InstanceId,
            publication.NextDueAt,
            token)
            .ConfigureAwait(false);
    }

    private static void AddNullable(NpgsqlCommand command, string name, double? value) =>
        command.Parameters.AddWithValue(name, NpgsqlDbType.Double, value is { } number ? number : DBNull.Value);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, double? value, CancellationToken token) =>
        value is { } number ? writer.WriteAsync(number, NpgsqlDbType.Double, token) : writer.WriteNullAsync(token);
}
