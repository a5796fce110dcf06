namespace Forecaster.Data.Sources;

/// <summary>
/// The stamps the service works with. PostgreSQL stores years 4713 BC to 294276 AD and ±infinity; .NET's DateTime
/// holds years 1 to 9999, and Npgsql reads DateTime.MinValue/MaxValue as ∓infinity. A day inside each end leaves
/// room for a series' local time zone, so one odd stamp can never make a read, a cadence or a save throw.
/// Source rows outside are ignored with a warning; an import rejects them.
/// </summary>
public static class SupportedTimestamps
{
    public const string Description = "0001-01-02 to 9999-12-30 UTC";

    /// <summary>The same bounds for SQL: <c>column BETWEEN …</c> (a literal keeps the statement text constant).</summary>
    internal const string SqlRange = "BETWEEN '0001-01-02 00:00:00+00' AND '9999-12-30 00:00:00+00'";

    public static readonly DateTime Oldest = new(1, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime Newest = new(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    public static bool Contains(DateTime utc) => utc >= Oldest && utc <= Newest;
}
