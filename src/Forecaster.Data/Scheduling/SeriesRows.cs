using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Scheduling;

/// <summary>The one mapping from a <c>series</c> row to <see cref="SeriesSettings"/>, shared by every query returning series.</summary>
internal static class SeriesRows
{
    public const string Columns =
        "series_key, active, window_size, horizon, hidden_size, time_zone, schedule_interval, cadence, " +
        "next_due_at, due_reason, last_watermark, last_trained_at, latest_run_id, claimed_by, lease_expires_at, inputs_version";

    public static async Task<IReadOnlyList<SeriesSettings>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken token)
    {
        var rows = new List<SeriesSettings>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static SeriesSettings Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetBoolean(1),
        Nullable<int>(reader, 2),
        Nullable<int>(reader, 3),
        Nullable<int>(reader, 4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        Interval(reader, 6),
        Interval(reader, 7),
        Nullable<DateTime>(reader, 8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        Nullable<DateTime>(reader, 10),
        Nullable<DateTime>(reader, 11),
        Nullable<long>(reader, 12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        Nullable<DateTime>(reader, 14),
        reader.GetInt64(15));

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static CalendarInterval? Interval(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var interval = reader.GetFieldValue<NpgsqlInterval>(ordinal);
        return new CalendarInterval(interval.Months, interval.Days, TimeSpan.FromMicroseconds(interval.Time));
    }
}
